using System.CommandLine;

namespace Bayan.Cli;

/// <summary>The command line: serving (no verb) and the verbs, each with --help.</summary>
public static class BayanCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (hostArgs, commandArgs) = SplitConfigurationArguments(args);
        var root = new RootCommand(
            "Bayan publishes an organization's official statements. With no command, it serves the site.\n" +
            "Every command also takes settings such as --Bayan:DataDirectory=PATH (default: ./data in the working directory)\n" +
            "or environment variables such as Bayan__DataDirectory; see the README's Configuration section.");
        var demo = new Option<bool>("--demo") { Description = "Load the sample content first if the database is empty." };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080 (as in any ASP.NET Core app)." };
        root.Options.Add(demo);
        root.Options.Add(urls);
        root.SetAction((result, cancellationToken) =>
            ServeCommand.RunAsync(WithUrls(hostArgs, result.GetValue(urls)), result.GetValue(demo), cancellationToken));

        root.Subcommands.Add(DemoCommand.Create(hostArgs));
        root.Subcommands.Add(ExportCommand.Create(hostArgs));
        root.Subcommands.Add(GenerateCommand.Create(hostArgs));
        root.Subcommands.Add(ImportCommand.Create(hostArgs));
        root.Subcommands.Add(KeysCommand.Create(hostArgs));
        root.Subcommands.Add(MigrateCommand.Create(hostArgs));
        root.Subcommands.Add(ReindexCommand.Create(hostArgs));
        root.Subcommands.Add(RestoreCommand.Create(hostArgs));
        root.Subcommands.Add(StaticSiteCommand.Create(hostArgs));
        root.Subcommands.Add(UsersCommand.Create(hostArgs));
        root.Subcommands.Add(VerifyCommand.Create(hostArgs));

        var parsed = root.Parse(commandArgs);
        if (parsed.Errors.Count > 0)
        {
            // One clear line per problem and where to look, instead of the whole help text.
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"bayan: {error.Message}");
            }

            var command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            await Console.Error.WriteLineAsync($"bayan: run '{command}--help' for usage.");
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (SettingsOrEnvironmentProblem(exception) is { } problem)
        {
            // A wrong setting, an unusable data directory or a database that cannot be reached is the operator's to fix:
            // say what, without a stack trace.
            await Console.Error.WriteLineAsync($"bayan: {problem}");
            return 1;
        }
    }

    /// <summary>What to tell the operator, or null for an exception that is a bug (and keeps its stack trace).</summary>
    private static string? SettingsOrEnvironmentProblem(Exception exception)
    {
        if (exception is InvalidOperationException { InnerException: not null } binding && binding.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            return binding.Message;
        }

        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case Npgsql.NpgsqlException database:
                    // Npgsql's own words ("Failed to connect to 127.0.0.1:5432") and the reason beneath ("Connection refused").
                    var reason = database.InnerException?.Message;
                    return reason is null || database.Message.Contains(reason, StringComparison.Ordinal)
                        ? $"the database: {database.Message}"
                        : $"the database: {database.Message}: {reason}";
                case Microsoft.Extensions.Options.OptionsValidationException or IOException or UnauthorizedAccessException
                    or Microsoft.Data.Sqlite.SqliteException or FormatException:
                    return cause.Message;
                case InvalidOperationException when cause.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase):
                    return cause.Message;
            }
        }

        return null;
    }

    /// <summary>
    /// Separates configuration overrides (--Bayan:DataDirectory=./x, --ConnectionStrings:Bayan "…", --environment, --contentRoot)
    /// from the command's own words, so every verb accepts the same configuration as the site.
    /// </summary>
    internal static (string[] Host, string[] Command) SplitConfigurationArguments(string[] args)
    {
        var host = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var isSetting = arg.StartsWith("--", StringComparison.Ordinal)
                && (arg.Contains(':', StringComparison.Ordinal) || arg.StartsWith("--environment", StringComparison.OrdinalIgnoreCase)
                    || arg.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
            if (!isSetting)
            {
                command.Add(arg);
                continue;
            }

            host.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                host.Add(args[++i]);
            }
        }

        return (host.ToArray(), command.ToArray());
    }

    private static string[] WithUrls(string[] hostArgs, string? urls) =>
        urls is null ? hostArgs : [.. hostArgs, "--urls", urls];
}
