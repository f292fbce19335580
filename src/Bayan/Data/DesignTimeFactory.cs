using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bayan.Data;

/// <summary>Lets `dotnet ef migrations add` build the SQLite context without starting the site.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BayanDb>
{
    public BayanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BayanDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>The same for PostgreSQL (`--context PostgresBayanDb`); adding a migration needs no server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBayanDb>
{
    public PostgresBayanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBayanDb>().UseNpgsql("Host=localhost;Database=bayan_design_time").Options);
}
