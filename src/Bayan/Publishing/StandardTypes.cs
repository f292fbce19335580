using Bayan.Core;
using Bayan.Core.Taxonomy;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Publishing;

/// <summary>
/// The kinds of statement most organizations publish, given to a new site so its first statement can be written at
/// once. Administrators rename, add or remove types on the Lists page; a site that has any type is left alone.
/// </summary>
public static class StandardTypes
{
    private static readonly (string Slug, string En, string Fa, string Ar)[] Types =
    [
        ("statement", "Statement", "بیانیه", "بيان"),
        ("announcement", "Announcement", "اطلاعیه", "بلاغ"),
        ("joint-statement", "Joint statement", "بیانیهٔ مشترک", "بيان مشترك"),
        ("press-release", "Press release", "خبرنامه", "بيان صحفي"),
        ("open-letter", "Open letter", "نامهٔ سرگشاده", "رسالة مفتوحة"),
    ];

    public static async Task EnsureAsync(BayanDb db, CancellationToken cancellationToken = default)
    {
        if (await db.StatementTypes.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var (slug, en, fa, ar) in Types)
        {
            db.StatementTypes.Add(new StatementType
            {
                Slug = slug,
                Names = new LocalizedText(new Dictionary<string, string> { ["en"] = en, ["fa"] = fa, ["ar"] = ar }),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
