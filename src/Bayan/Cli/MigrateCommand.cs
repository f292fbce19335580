using System.CommandLine;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Cli;

internal static class MigrateCommand
{
    public static Command Create(string[] hostArgs)
    {
        var command = new Command("migrate", "Bring the database schema up to date, then exit (serving does this too).");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken, prepareDatabase: false);
            List<string> pending;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                pending = (await scope.ServiceProvider.GetRequiredService<BayanDb>().Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            }

            await VerbHost.PrepareAsync(host, cancellationToken);
            Console.WriteLine(pending.Count == 0
                ? "The database was already up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}. The database is up to date.");
            return 0;
        });
        return command;
    }
}
