using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Operations;

/// <summary>Several instances on one database are one site to a reader and an editor: the keys behind cookies are shared.</summary>
public sealed class SharedStateTests
{
    [Fact]
    public async Task A_session_begun_on_one_instance_is_good_on_another_of_the_same_database()
    {
        await using var first = await BayanApp.StartAsync(demo: false);
        await first.CreateUserAsync("editor@example.org", Bayan.Accounts.Roles.Editor);
        var (client, signIn) = await first.SignInAsync("editor@example.org", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Another machine: its own data directory, the same database.
        await using var second = await BayanApp.StartAsync(false, [.. await TestDatabase.SharedWithAsync(first.DataDirectory)]);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(second.BaseAddress, "/admin"));
        request.Headers.Add("Cookie", string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var response = await plain.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.Dispose();
    }

#if POSTGRES
    [Fact]
    public async Task With_files_in_the_database_an_instance_on_another_machine_serves_what_the_first_stored()
    {
        await using var first = await BayanApp.StartAsync(true);
        var (scope, db) = first.Db();
        string url, sha256;
        await using (scope)
        {
            var attachment = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                db.Attachments, a => a.Statement.Status == Bayan.Core.Statements.StatementStatus.Published);
            (url, sha256) = ($"/attachments/{attachment.Id}/{Uri.EscapeDataString(attachment.FileName)}", attachment.Sha256);
        }

        // Another machine: its own, empty data directory; the same database.
        await using var second = await BayanApp.StartAsync(false, [.. await TestDatabase.SharedWithAsync(first.DataDirectory)]);
        Assert.False(Directory.Exists(Path.Combine(second.DataDirectory, "files")));
        var bytes = await second.Client.GetByteArrayAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.True(File.Exists(Path.Combine(second.DataDirectory, "files", sha256[..2], sha256)), "kept on this machine for the next reader");
    }
#endif

    [Fact]
    public async Task Two_instances_copying_the_earlier_keys_at_once_store_each_once()
    {
        var earlierDirectory = Path.Combine(Path.GetTempPath(), "bayan-tests", Guid.NewGuid().ToString("N"));
        using (var earlier = new ServiceCollection()
            .AddDataProtection().SetApplicationName("Bayan").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(earlierDirectory, "keys"))).Services
            .BuildServiceProvider())
        {
            earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");
        }

        await using var app = await BayanApp.StartAsync(demo: false);
        var (scope, db) = app.Db();
        await using (scope)
        {
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.DataProtectionKeys);
        }

        var (oneScope, one) = app.Db();
        var (otherScope, other) = app.Db();
        await using (oneScope)
        await using (otherScope)
        {
            await Task.WhenAll(
                Bayan.Accounts.EarlierKeys.ImportAsync(one, earlierDirectory),
                Bayan.Accounts.EarlierKeys.ImportAsync(other, earlierDirectory));
        }

        (scope, db) = app.Db();
        await using (scope)
        {
            var names = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys.Select(k => k.FriendlyName));
            Assert.Equal(Directory.GetFiles(Path.Combine(earlierDirectory, "keys"), "key-*.xml").Length, names.Count);
            Assert.Equal(names.Count, names.Distinct().Count());
        }
    }

    [Fact]
    public async Task Keys_an_earlier_version_kept_in_the_data_directory_still_open_what_they_protected()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bayan-tests", Guid.NewGuid().ToString("N"));
        using var earlier = new ServiceCollection()
            .AddDataProtection().SetApplicationName("Bayan").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys"))).Services
            .BuildServiceProvider();
        var sealedText = earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a session from before");

        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("a session from before", protector.Unprotect(sealedText));
    }
}
