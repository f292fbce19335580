using Microsoft.EntityFrameworkCore;

namespace Bayan.Data;

/// <summary>
/// The database on PostgreSQL: the same model as <see cref="BayanDb"/>, a context type of its own so that EF Core finds
/// PostgreSQL's migrations (Data/Migrations/Postgres) apart from SQLite's (ADR 1). Everything else asks for <see cref="BayanDb"/>.
/// </summary>
public sealed class PostgresBayanDb(DbContextOptions<PostgresBayanDb> options) : BayanDb(options);
