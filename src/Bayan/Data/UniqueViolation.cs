using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bayan.Data;

/// <summary>Recognizes a save refused by a unique index (two people taking the same series number at the same instant).</summary>
public static class UniqueViolation
{
    private const int SqliteUniqueConstraint = 2067;

    public static bool Is(DbUpdateException exception) => exception.InnerException is
        SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint }
        or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
