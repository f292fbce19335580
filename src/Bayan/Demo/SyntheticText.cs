namespace Bayan.Demo;

/// <summary>
/// Text that is statistically like a real archive's, for benchmarks: words drawn by Zipf's law (the word of rank r about
/// 1/r as often as the commonest) from a language's function words, then topic words, then a long tail of invented
/// names. A search benchmark over such text meets what real queries meet: a few words in nearly every statement, most in
/// a few percent of them, a name in a handful.
/// </summary>
public sealed class SyntheticText
{
    private const int TailWords = 4_000;

    private readonly string[] words;
    private readonly double[] cumulative;
    private readonly int functionWords;

    private SyntheticText(string[] function, string[] topics, string[] syllables)
    {
        functionWords = function.Length;
        var tail = new Random(syllables.Length);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < TailWords)
        {
            var length = 2 + tail.Next(2);
            names.Add(string.Concat(Enumerable.Range(0, length).Select(_ => syllables[tail.Next(syllables.Length)])));
        }

        words = [.. function, .. topics, .. names.Where(n => !topics.Contains(n) && !function.Contains(n))];
        cumulative = new double[words.Length];
        var sum = 0.0;
        for (var rank = 0; rank < words.Length; rank++)
        {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
    }

    public static SyntheticText English { get; } = new(
        ["the", "of", "and", "to", "in", "a", "for", "on", "is", "that", "with", "by", "we", "our", "are", "as", "this", "from", "be", "it"],
        ["people", "rights", "human", "government", "call", "support", "public", "organizations", "international", "national",
         "security", "women", "children", "families", "law", "justice", "freedom", "peace", "community", "region",
         "city", "village", "province", "district", "council", "ministry", "court", "president", "election", "media",
         "water", "health", "education", "food", "aid", "relief", "report", "appeal", "volunteers", "workers",
         "statement", "announcement", "demand", "urge", "immediate", "investigation", "responsibility", "accountability", "transparency", "democracy",
         "dialogue", "agreement", "ceasefire", "humanitarian", "emergency", "crisis", "school", "access", "students", "teachers",
         "university", "hospital", "doctors", "medicine", "clinic", "shelter", "winter", "flood", "earthquake", "drought",
         "road", "supplies", "camp", "refugees", "displaced", "border", "detention", "prisoners", "release", "journalists",
         "press", "protest", "violence", "attack", "victims", "solidarity", "partners", "union", "electricity", "fuel",
         "housing", "land", "environment", "climate", "pollution", "wages", "strike", "meeting", "conference", "declaration",
         "commitment", "protection", "safety", "dignity", "equality", "discrimination", "minority", "language", "culture", "heritage",
         "convoy"],
        ["ka", "lo", "mi", "ru", "sen", "tar", "vel", "dor", "nim", "ash", "el", "ur", "ton", "ba", "zen", "qua", "fe", "lin", "mar", "os"]);

    public static SyntheticText Persian { get; } = new(
        ["و", "در", "به", "از", "که", "این", "را", "با", "است", "برای", "ما", "آن", "هم", "تا", "بر", "شده", "یک", "خود", "نیز", "می‌شود"],
        ["مردم", "حقوق", "بشر", "دولت", "درخواست", "حمایت", "عمومی", "سازمان‌ها", "بین‌المللی", "ملی",
         "امنیت", "زنان", "کودکان", "خانواده‌ها", "قانون", "عدالت", "آزادی", "صلح", "جامعه", "منطقه",
         "شهر", "روستا", "استان", "بخش", "شورا", "وزارت", "دادگاه", "رئیس", "انتخابات", "رسانه‌ها",
         "آب", "سلامت", "آموزش", "غذا", "کمک", "امداد", "گزارش", "فراخوان", "داوطلبان", "کارگران",
         "بیانیه", "اطلاعیه", "مطالبه", "فوری", "تحقیق", "مسئولیت", "پاسخگویی", "شفافیت", "دموکراسی", "گفت‌وگو",
         "توافق", "آتش‌بس", "بشردوستانه", "اضطراری", "بحران", "مدرسه", "دسترسی", "دانشجویان", "معلمان", "دانشگاه",
         "بیمارستان", "پزشکان", "دارو", "درمانگاه", "سرپناه", "زمستان", "سیل", "زلزله", "خشکسالی", "جاده",
         "تدارکات", "اردوگاه", "پناهندگان", "آوارگان", "مرز", "بازداشت", "زندانیان", "آزادسازی", "روزنامه‌نگاران", "اعتراض",
         "خشونت", "حمله", "قربانیان", "همبستگی", "شریکان", "اتحادیه", "برق", "سوخت", "مسکن", "زمین",
         "محیط‌زیست", "اقلیم", "آلودگی", "دستمزد", "اعتصاب", "نشست", "همایش", "اعلامیه", "تعهد", "حفاظت",
         "ایمنی", "کرامت", "برابری", "تبعیض", "اقلیت", "زبان", "فرهنگ", "میراث", "کاروان"],
        ["با", "کو", "لا", "می", "رو", "سن", "تار", "ول", "در", "نیم", "اش", "ال", "گل", "تن", "زن", "فر", "لین", "مر", "وس", "شا"]);

    public static SyntheticText Arabic { get; } = new(
        ["في", "من", "على", "إلى", "أن", "عن", "مع", "التي", "الذي", "هذا", "هذه", "كما", "قد", "لا", "ما", "بعد", "كان", "حيث", "ذلك", "وقد"],
        ["الشعب", "الحقوق", "الإنسان", "الحكومة", "مطالبة", "دعم", "العامة", "المنظمات", "الدولية", "الوطنية",
         "الأمن", "النساء", "الأطفال", "الأسر", "القانون", "العدالة", "الحرية", "السلام", "المجتمع", "المنطقة",
         "المدينة", "القرية", "المحافظة", "الحي", "المجلس", "الوزارة", "المحكمة", "الرئيس", "الانتخابات", "الإعلام",
         "المياه", "الصحة", "التعليم", "الغذاء", "المساعدات", "الإغاثة", "التقرير", "النداء", "المتطوعون", "العمال",
         "بيان", "إعلان", "المطالب", "فوري", "تحقيق", "المسؤولية", "المساءلة", "الشفافية", "الديمقراطية", "الحوار",
         "الاتفاق", "الهدنة", "الإنسانية", "الطوارئ", "الأزمة", "المدرسة", "الوصول", "الطلاب", "المعلمين", "الجامعة",
         "المستشفى", "الأطباء", "الدواء", "العيادة", "المأوى", "الشتاء", "الفيضان", "الزلزال", "الجفاف", "الطريق",
         "الإمدادات", "المخيم", "اللاجئين", "النازحين", "الحدود", "الاحتجاز", "المعتقلين", "الإفراج", "الصحفيين", "الاحتجاج",
         "العنف", "الهجوم", "الضحايا", "التضامن", "الشركاء", "النقابة", "الكهرباء", "الوقود", "السكن", "الأرض",
         "البيئة", "المناخ", "التلوث", "الأجور", "الإضراب", "الاجتماع", "المؤتمر", "الإعلان", "الالتزام", "الحماية",
         "السلامة", "الكرامة", "المساواة", "التمييز", "الأقليات", "اللغة", "الثقافة", "التراث", "القافلة"],
        ["با", "كو", "لا", "مي", "رو", "سن", "تار", "ول", "در", "نيم", "اش", "ال", "غل", "تن", "زن", "فر", "لين", "مر", "وس", "شا"]);

    public static SyntheticText For(string language) => language switch { "fa" => Persian, "ar" => Arabic, _ => English };

    /// <summary>One word by Zipf's law; without the function words when <paramref name="contentOnly"/> (for titles).</summary>
    public string Word(Random random, bool contentOnly = false)
    {
        var from = contentOnly ? cumulative[functionWords - 1] : 0;
        var index = Array.BinarySearch(cumulative, from + (random.NextDouble() * (cumulative[^1] - from)));
        return words[Math.Min(index < 0 ? ~index : index, words.Length - 1)];
    }

    /// <summary>A title of three to seven words, without function words.</summary>
    public string Title(Random random) => Capitalize(string.Join(' ', Enumerable.Range(0, 3 + random.Next(5)).Select(_ => Word(random, contentOnly: true))));

    /// <summary>A Markdown body of three to five paragraphs of sentences (50 to 420 words, 175 on average).</summary>
    public string Body(Random random) => string.Join("\n\n", Enumerable.Range(0, 3 + random.Next(3)).Select(_ =>
        string.Join(' ', Enumerable.Range(0, 2 + random.Next(3)).Select(_ =>
            Capitalize(string.Join(' ', Enumerable.Range(0, 8 + random.Next(14)).Select(_ => Word(random)))) + "."))));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
