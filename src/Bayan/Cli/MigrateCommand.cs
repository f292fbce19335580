using System.CommandLine;

namespace Bayan.Cli;

internal static class MigrateCommand
{
    public static Command Create(string[] hostArgs)
    {
        var command = new Command("migrate", "Bring the database schema up to date, then exit (serving does this too).");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            Console.WriteLine("The database is up to date.");
            return 0;
        });
        return command;
    }
}
