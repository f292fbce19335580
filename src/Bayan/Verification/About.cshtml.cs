using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Verification;

/// <summary>/{lang}/verification: what the "signed" mark means and how anyone can check it, in plain words.</summary>
[OutputCache(PolicyName = SiteSetup.PublicPagesPolicy)]
public sealed class AboutModel([FromKeyedServices(PublicReads.Key)] BayanDb db, IStringLocalizer<SharedResource> text) : SitePage
{
    public IReadOnlyList<SigningKey> Keys { get; private set; } = [];

    public TreeHead? Head { get; private set; }

    public async Task OnGetAsync()
    {
        Keys = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(HttpContext.RequestAborted);
        Head = await db.TreeHeads.AsNoTracking().OrderByDescending(h => h.Size).FirstOrDefaultAsync(HttpContext.RequestAborted);
        Meta.Title = text["How to check that a statement is ours"];
        Meta.CanonicalPath = Paths.Verification(Language.Code);
    }

    /// <summary>A key's id in groups of four, as people read fingerprints aloud or compare them on paper.</summary>
    public static string Fingerprint(string id) => string.Join(' ', id.Chunk(4).Select(c => new string(c)));
}
