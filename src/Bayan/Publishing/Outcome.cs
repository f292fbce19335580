namespace Bayan.Publishing;

/// <summary>The result of a publishing operation: done (with the statement's id), or refused with reasons in the user's language.</summary>
public sealed record Outcome(int? StatementId, IReadOnlyList<string> Refusals)
{
    public bool Succeeded => Refusals.Count == 0;

    public static Outcome Done(int statementId) => new(statementId, []);

    public static Outcome Refused(params string[] reasons) => new(null, reasons);

    public static Outcome Refused(IReadOnlyList<string> reasons) => new(null, reasons);
}
