using System.Threading.RateLimiting;
using Bayan.Audit;
using Bayan.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bayan.Accounts;

/// <summary>Identity, the session cookie, the role policies and the limits on sign-in attempts.</summary>
public static class AccountsFeature
{
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // Cookies and antiforgery tokens are protected with keys kept in the database, so every instance of the site
        // reads the same ones, they survive restarts, and a move of the database takes them along.
        services.AddDataProtection()
            .SetApplicationName("Bayan")
            .PersistKeysToDbContext<BayanDb>();

        services.AddIdentity<BayanUser, IdentityRole>(ConfigureIdentity)
            .AddEntityFrameworkStores<BayanDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<TeamMemberClaims>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "bayan-session";
            options.Cookie.HttpOnly = true;
            // Secure whenever the request came over TLS; SameSite=Strict keeps other sites from riding the session.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/admin/sign-in";
            options.LogoutPath = "/admin/sign-out";
            options.AccessDeniedPath = "/admin/denied";
        });
        services.AddSignInSessions();
        // A new password changes the security stamp; other sessions notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "bayan-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.BackOffice, policy => policy.RequireRole(Roles.All))
            .AddPolicy(Policies.Write, policy => policy.RequireRole(Roles.Administrator, Roles.Editor, Roles.Author))
            .AddPolicy(Policies.Translate, policy => policy.RequireRole(Roles.All))
            .AddPolicy(Policies.Publish, policy => policy.RequireRole(Roles.Administrator, Roles.Editor))
            .AddPolicy(Policies.Administer, policy => policy.RequireRole(Roles.Administrator));

        var attemptsPerMinute = configuration.GetValue("Bayan:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per address: a few sign-in attempts a minute (only the form's posts count). Per account, Identity locks out after five failures.
            // Counted for the whole site when there are several instances (Redis), so each does not grant its own ten.
            options.AddPolicy(SignInLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? Cluster.SharedRateLimits.FixedWindow(context, SignInLimit, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", attemptsPerMinute, TimeSpan.FromMinutes(1))
                : RateLimitPartition.GetNoLimiter("read"));
        });

        // Reset links by email work for an hour (and once: using one changes the security stamp they are tied to).
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(1));
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<Mailer>();
        services.AddHostedService(provider => provider.GetRequiredService<Mailer>());
        services.AddSingleton<FirstAdministratorSetup>();
        services.AddScoped<AuditLog>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The same account stores and password rules for the command line as for the site.</summary>
    public static IServiceCollection AddAccountStores(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddIdentityCore<BayanUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BayanDb>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        return services;
    }

    private static void ConfigureIdentity(IdentityOptions options)
    {
        // Length and a blocklist, no composition rules (NIST SP 800-63B).
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
