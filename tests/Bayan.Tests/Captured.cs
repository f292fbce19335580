namespace Bayan.Tests;

/// <summary>What a command-line verb printed, for tests that read its report or its refusal.</summary>
public static class Captured
{
    public static Task<string> OutAsync(Func<Task> act) => CaptureAsync(act, Console.Out, Console.SetOut);

    public static Task<string> ErrorAsync(Func<Task> act) => CaptureAsync(act, Console.Error, Console.SetError);

    private static async Task<string> CaptureAsync(Func<Task> act, TextWriter original, Action<TextWriter> set)
    {
        var captured = new StringWriter();
        set(captured);
        try
        {
            await act();
        }
        finally
        {
            set(original);
        }

        return captured.ToString();
    }
}

/// <summary>
/// Tests that run verbs take turns: a verb writes to the console, which is one per process, and a test reading what its
/// verb printed must not read another test's verb.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CommandLineDefinition
{
    public const string Name = "command line";
}
