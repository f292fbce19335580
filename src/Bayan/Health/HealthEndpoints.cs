using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Health;

/// <summary>/healthz: 200 when the site can read its database, 503 when it cannot.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (BayanDb db, CancellationToken cancellationToken) =>
        {
            try
            {
                var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
                await db.Statements.AnyAsync(cancellationToken);
                return pending.Any()
                    ? Results.Text("database schema is not up to date\n", statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Text("ok\n");
            }
            catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or DbUpdateException)
            {
                return Results.Text("database unavailable\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
