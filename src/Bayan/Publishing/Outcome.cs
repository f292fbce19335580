namespace Bayan.Publishing;

/// <summary>The result of a publishing operation: done (with the statement's id), or refused with reasons in the user's language.</summary>
public sealed record Outcome(int? StatementId, IReadOnlyList<string> Refusals, Refusal Kind = Refusal.None)
{
    public bool Succeeded => Refusals.Count == 0;

    public static Outcome Done(int statementId) => new(statementId, []);

    /// <summary>Input the rules do not accept (a missing title, a date in the future).</summary>
    public static Outcome Refused(params string[] reasons) => new(null, reasons, Refusal.Invalid);

    public static Outcome Refused(IReadOnlyList<string> reasons) => new(null, reasons, Refusal.Invalid);

    /// <summary>The actor's role does not allow it, whatever the input.</summary>
    public static Outcome Forbidden(string reason) => new(null, [reason], Refusal.Forbidden);

    public static Outcome NotFound(string reason) => new(null, [reason], Refusal.NotFound);

    /// <summary>Not possible in the statement's present state (publishing what is withdrawn).</summary>
    public static Outcome Conflict(string reason) => new(null, [reason], Refusal.Conflict);

    /// <summary>Someone else changed the statement since the actor read it.</summary>
    public static Outcome Stale(string reason) => new(null, [reason], Refusal.Stale);
}

/// <summary>Why an operation was refused, for callers that answer with a status code (the API).</summary>
public enum Refusal
{
    None,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    Stale,
}
