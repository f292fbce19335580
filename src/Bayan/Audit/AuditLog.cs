using Bayan.Core.Audit;
using Bayan.Data;

namespace Bayan.Audit;

/// <summary>Writes audit events. Callers that change data add the event in the same SaveChanges, so both happen or neither.</summary>
public sealed class AuditLog(BayanDb db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>Adds an event to the context; it is saved with the caller's next SaveChanges.</summary>
    public AuditEvent Add(string action, string? subject = null, string? details = null, string? userId = null, string? userName = null)
    {
        var context = http.HttpContext;
        var principal = context?.User;
        var entry = new AuditEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = userId ?? principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            UserName = userName ?? principal?.Identity?.Name,
            Action = action,
            Subject = subject,
            Details = details,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        };
        db.Add(entry);
        return entry;
    }

    /// <summary>Records an event on its own, for things that change nothing else (sign-ins, failures).</summary>
    public async Task RecordAsync(string action, string? subject = null, string? details = null, string? userId = null, string? userName = null)
    {
        Add(action, subject, details, userId, userName);
        await db.SaveChangesAsync();
    }
}
