using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using Bayan.Data;
using Bayan.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bayan.Tests;

/// <summary>
/// The real site on a real Kestrel server at a loopback port, over a SQLite file in its own temporary directory (or, in
/// Bayan.PostgresTests, a PostgreSQL database of its own: <see cref="TestDatabase"/>).
/// Tests talk to it over HTTP and read the database through <see cref="Db"/>.
/// </summary>
public sealed class BayanApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private BayanApp(WebApplication app, string dataDirectory)
    {
        this.app = app;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Client = CreateClient();
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client that does not follow redirects, so tests can see them.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static Task<BayanApp> StartAsync(bool demo = true, params string[] settings) => StartAsync(demo, null, settings);

    /// <summary>Starts the site; <paramref name="clock"/>, when given, replaces the real clock (scheduling tests move it).</summary>
    public static Task<BayanApp> StartAsync(bool demo, TimeProvider? clock, params string[] settings) =>
        StartOnAsync(demo, clock, dataDirectory: null, settings);

    /// <summary>Starts the site on <paramref name="dataDirectory"/> when given (a restart), else on a new temporary one.</summary>
    /// <remarks>
    /// Named apart from <c>StartAsync</c> on purpose: as an overload, a call like <c>StartAsync(true, clock, "--Bayan:X=1")</c>
    /// bound its first setting to the data directory (C# prefers the overload with more parameters), so two test classes
    /// shared one database and their settings were lost.
    /// </remarks>
    public static async Task<BayanApp> StartOnAsync(bool demo, TimeProvider? clock, string? dataDirectory, params string[] settings)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "bayan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        // Tests sign in far more often than people do: the per-address limit is raised unless a test sets its own.
        string[] args = [
            "--urls", "http://127.0.0.1:0", $"--Bayan:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--Bayan:SignInAttemptsPerMinute=10000",
            .. await TestDatabase.SettingsAsync(dataDirectory), .. settings];
        var app = Bayan.Site.Build(args, RepositoryPaths.AppDirectory, services =>
        {
            if (clock is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(clock));
            }
        });
        await Bayan.Site.PrepareAsync(app);
        if (demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync();
        }

        await app.StartAsync();
        return new BayanApp(app, dataDirectory);
    }

    public HttpClient CreateClient(string? acceptLanguage = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        return client;
    }

    /// <summary>GETs a page and parses it; fails unless the status is <paramref name="expectedStatus"/>.</summary>
    public async Task<IHtmlDocument> GetHtmlAsync(string url, int expectedStatus = 200)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>Creates an account with a role (or none) directly in the database.</summary>
    public async Task<BayanUser> CreateUserAsync(string email, string? role, string password = DefaultPassword)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BayanUser>>();
        var user = new BayanUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }

    public const string DefaultPassword = "correct horse battery staple";

    /// <summary>A client signed in through the real sign-in form, as a new account with <paramref name="role"/>.</summary>
    public async Task<HttpClient> CreateClientAsAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await CreateUserAsync(email, role);
        var (client, response) = await SignInAsync(email, DefaultPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Opens the sign-in form in a fresh browser-like client and posts it; returns the client and the answer.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string email, string password)
    {
        var client = CreateBrowserClient();
        var response = await PostFormAsync(client, "/admin/sign-in", new() { ["Email"] = email, ["Password"] = password });
        return (client, response);
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>GETs a page with a form, then posts the form's fields (antiforgery token included) with <paramref name="fields"/> set.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formSelector = null)
    {
        using var page = await client.GetAsync(new Uri(url, UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = (AngleSharp.Html.Dom.IHtmlFormElement?)document.QuerySelector(formSelector ?? "main form[method=post]")
            ?? throw new InvalidOperationException($"no form on {url} ({(int)page.StatusCode})");
        var values = FormValues(form).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values));
    }

    /// <summary>The fields a browser would send for <paramref name="form"/>: inputs, checked boxes, text areas and selections.</summary>
    public static List<KeyValuePair<string, string>> FormValues(AngleSharp.Html.Dom.IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked && !string.IsNullOrEmpty(box.Name))
                    {
                        values.Add(new(box.Name, box.Value));
                    }

                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: not "submit" } input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    values.Add(new(input.Name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        return values;
    }

    /// <summary>A new database context; dispose it.</summary>
    public (AsyncServiceScope Scope, BayanDb Db) Db()
    {
        var scope = app.Services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<BayanDb>());
    }

    /// <summary>Stops the site but keeps its data directory, for a test that starts it again.</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (TestDatabase.IsPostgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await TestDatabase.DropAsync(DataDirectory);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temporary directory is left for the OS to clean.
        }
    }
}

/// <summary>One site with the sample content, shared by the tests that only read.</summary>
public sealed class DemoSiteFixture : IAsyncLifetime
{
    public BayanApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await BayanApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DemoSiteDefinition : ICollectionFixture<DemoSiteFixture>
{
    public const string Name = "demo site";
}

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string AppDirectory => Path.Combine(Root, "src", "Bayan");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bayan.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Bayan.slnx not found above " + AppContext.BaseDirectory);
    }
}

public static class LocationExtensions
{
    /// <summary>Redirects from the cookie handler are absolute; compare their path and query.</summary>
    public static string PathAndQuery(this Uri location, BayanApp app) =>
        location.IsAbsoluteUri ? location.PathAndQuery : new Uri(app.BaseAddress, location).PathAndQuery;
}
