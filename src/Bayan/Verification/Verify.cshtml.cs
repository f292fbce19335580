using System.Globalization;
using System.Text.RegularExpressions;
using Bayan.Shared;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bayan.Verification;

/// <summary>
/// /{lang}/verify: a reader pastes a text (or a link) they were sent and learns whether it is one of ours, word for
/// word, and if not, what differs from the closest statement we did publish.
/// </summary>
[EnableRateLimiting(VerificationFeature.CheckLimit)]
public sealed partial class VerifyModel(TextCheck check, IOptions<SiteOptions> options, IStringLocalizer<SharedResource> text) : SitePage
{
    [BindProperty]
    public string? Text { get; set; }

    public TextCheckResult? Result { get; private set; }

    /// <summary>What a pasted link leads to: one of our statements (its id and language), or another site.</summary>
    public (int Id, string Language)? OurStatement { get; private set; }

    public bool OtherSite { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet() => Describe();

    public async Task<IActionResult> OnPostAsync()
    {
        Describe();
        var pasted = Text?.Trim() ?? "";
        if (pasted.Length == 0)
        {
            Problem = text["Paste the text you were sent, or a link to it."];
            return Page();
        }

        if (pasted.Length > TextCheck.MaxLength)
        {
            Problem = text["That is longer than any statement ({0} characters at most). Paste the statement alone.", Number(TextCheck.MaxLength)];
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }

        if (!pasted.Any(char.IsWhiteSpace) && Uri.TryCreate(pasted, UriKind.Absolute, out var link) && link.Scheme is "http" or "https")
        {
            // A link is never fetched: only links to this site's own statement pages can be answered.
            var ours = string.Equals(link.Host, Request.Host.Host, StringComparison.OrdinalIgnoreCase)
                || (options.Value.PublicUrl is { } publicUrl && Uri.TryCreate(publicUrl, UriKind.Absolute, out var site) && string.Equals(link.Host, site.Host, StringComparison.OrdinalIgnoreCase));
            if (ours && StatementPath().Match(link.AbsolutePath) is { Success: true } path)
            {
                OurStatement = (int.Parse(path.Groups["id"].Value, CultureInfo.InvariantCulture), path.Groups["lang"].Value);
            }
            else
            {
                OtherSite = true;
            }

            return Page();
        }

        Result = await check.CheckAsync(pasted, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>
    /// The differences as one line of markup: struck, underlined and plain runs with nothing between them (the box keeps
    /// the text's own line breaks, so the page's indentation must not reach it). A change of spacing alone is not shown.
    /// </summary>
    public static IHtmlContent Differences(IEnumerable<Publishing.DiffRun> runs)
    {
        var html = new HtmlContentBuilder();
        foreach (var run in runs)
        {
            var spacing = string.IsNullOrWhiteSpace(run.Text);
            switch (run.Kind)
            {
                case Publishing.DiffKind.Removed when spacing:
                    break;
                case Publishing.DiffKind.Removed:
                    html.AppendHtml("<del>").Append(run.Text).AppendHtml("</del>");
                    break;
                case Publishing.DiffKind.Added when !spacing:
                    html.AppendHtml("<ins>").Append(run.Text).AppendHtml("</ins>");
                    break;
                default:
                    html.Append(run.Text);
                    break;
            }
        }

        return html;
    }

    private void Describe()
    {
        Meta.Title = text["Is this statement ours?"];
        Meta.CanonicalPath = Paths.Verify(Language.Code);
    }

    [GeneratedRegex(@"^/(?<lang>[a-z]{2,3})/statements/(?<id>\d{1,9})(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex StatementPath();
}
