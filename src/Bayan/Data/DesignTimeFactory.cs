using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bayan.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the site.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BayanDb>
{
    public BayanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BayanDb>().UseSqlite("Data Source=design-time.db").Options);
}
