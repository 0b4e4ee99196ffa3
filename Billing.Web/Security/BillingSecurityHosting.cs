using Billing.Grains.Hosting;
using Billing.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Billing.Web.Security;

/// <summary>Authentication, authorization and the hardening of the web app.</summary>
public static class BillingSecurityHosting
{
    /// <summary>Where the sign-in page sends a browser to sign in with OpenID Connect (when configured).</summary>
    public const string OidcSignInPath = "/signin/oidc";

    /// <summary>Under the request's path base, like every redirect the app makes itself.</summary>
    private const string FailedSignInPath = "/signin?failed=oidc";

    /// <summary>
    /// API keys from <c>Billing:ApiKeys</c> (a bad entry stops start-up naming its key), demo keys in embedded
    /// mode, the browser's sign-in cookie, OpenID Connect when <c>Authentication:Oidc:Authority</c> is set (bad
    /// options stop start-up naming the key), and the admin policy. Call before the Orleans hosting, which
    /// fills in the embedded broker's address.
    /// </summary>
    public static void AddBillingSecurity(this WebApplicationBuilder builder)
    {
        var mode = BillingModeSelector.Select(builder.Configuration);
        builder.Services.AddBillingDataProtection(builder.Configuration, mode);
        var demoKeys = mode == BillingMode.Embedded ? DemoKeys.Make() : DemoKeys.None;
        builder.Services.AddSingleton(demoKeys);
        // Read now, so a bad entry stops start-up; read again whenever configuration reloads.
        builder.Services.AddSingleton(ApiKeyRing.From(builder.Configuration, demoKeys.Entries()));
        builder.Services.AddHostedService<ApiKeyReloader>();
        if (demoKeys.All.Count > 0)
        {
            builder.Services.AddHostedService<DemoKeysAnnouncer>();
        }

        var oidc = builder.Configuration.GetSection(BillingOidcOptions.SectionName).Get<BillingOidcOptions>() ?? new BillingOidcOptions();
        var problems = BillingOidcOptionsValidator.Validate(oidc);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        builder.Services.AddSingleton(oidc);
        builder.Services.AddSingleton(SecurityHeaders.For(oidc.IsEnabled ? new Uri(oidc.Authority!) : null));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddOptions<CircuitLimitOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CircuitLimitOptions>, CircuitLimitOptionsValidator>());
        builder.Services.AddSingleton<CircuitGate>();

        var authentication = builder.Services
            .AddAuthentication(BillingSchemes.Default)
            .AddPolicyScheme(BillingSchemes.Default, "API key or sign-in cookie", options =>
                // An API client sends its key; a browser sends its cookie. A request with an Authorization
                // header is judged by that header alone, so a bad key never falls back to a cookie.
                options.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : BillingSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(BillingSchemes.Cookie, ConfigureCookie);
        // The cookie carries a session id; the session itself is kept by the cluster, so signing out ends it.
        builder.Services.AddSingleton<GrainTicketStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(BillingSchemes.Cookie)
            .Configure<GrainTicketStore>((options, sessions) => options.SessionStore = sessions);
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        if (oidc.IsEnabled)
        {
            authentication.AddOpenIdConnect(BillingSchemes.OpenIdConnect, "OpenID Connect", options => ConfigureOpenIdConnect(options, oidc));
        }

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The default policy ([Authorize], RequireAuthorization()) wants a reader, a customer or an admin: an
        // ingest key is authenticated but reads nothing, so every page and read route refuses it with 403.
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(context => CustomerAccess.IsReader(context.User))
                .Build())
            .AddPolicy(BillingClaims.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(BillingClaims.AdminRole))
            // Sending events takes an ingest key in the Authorization header: a cookie session never may, so a
            // cross-site form or script riding on a signed-in browser cannot produce anything.
            .AddPolicy(BillingClaims.IngestPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => CustomerAccess.MayIngest(context.User)));
    }

    /// <summary>
    /// The security headers on every response, including error responses, and <c>Cache-Control: no-store</c> on the
    /// API's (they carry a customer's data, which no shared or browser cache may keep): call first.
    /// </summary>
    public static void UseBillingSecurityHeaders(this WebApplication app)
    {
        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use((context, next) =>
        {
            // Judged now: by the time the response starts, the path base may have been put back into the path.
            var api = BillingSchemes.IsApiPath(context.Request.Path);
            // On starting, so that a handler that clears the response (the exception handler does) keeps them.
            context.Response.OnStarting(() =>
            {
                headers.Apply(context.Response);
                if (api)
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>Interactive circuits for signed-in users only, a bounded number per client: call after authentication.</summary>
    public static void UseBillingCircuitGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<CircuitGate>();
        app.Use((context, next) => gate.InvokeAsync(context, next));
    }

    /// <summary><c>GET /signin/oidc?returnUrl=…</c> starts OpenID Connect, when it is configured.</summary>
    public static void MapBillingSignIn(this WebApplication app)
    {
        if (app.Services.GetRequiredService<BillingOidcOptions>().IsEnabled)
        {
            app.MapGet(OidcSignInPath, (HttpRequest request, string? returnUrl) => TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = SignInRedirects.LocalOr(returnUrl, SignInRedirects.Home(request.PathBase)) },
                [BillingSchemes.OpenIdConnect]));
        }
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "billing.auth";
        options.Cookie.HttpOnly = true;
        // Lax, not Strict: the browser must send the cookie on the top-level navigation back from the
        // OpenID Connect provider and on links into the app; Lax still keeps it off cross-site POSTs.
        options.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request came over HTTPS. SameAsRequest rather than Always because the local
        // default is plain http://localhost:8080, where a Secure cookie would never be sent back. Behind a
        // TLS-terminating proxy, forward the scheme (X-Forwarded-Proto) so that requests count as HTTPS.
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        // Paths from the app's root: the handler puts the request's path base before them (and before the
        // return URL), and sets the cookie's path to that path base.
        options.LoginPath = "/signin";
        options.LogoutPath = "/signout";
        options.AccessDeniedPath = "/denied";
        // The API answers 401 and 403 as problem documents, exactly as for API keys, never with a redirect.
        options.Events.OnRedirectToLogin = context => BillingSchemes.IsApiPath(context.Request.Path)
            ? context.HttpContext.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName)
            : Redirect(context);
        options.Events.OnRedirectToAccessDenied = context => BillingSchemes.IsApiPath(context.Request.Path)
            ? context.HttpContext.ForbidAsync(ApiKeyAuthenticationHandler.SchemeName)
            : Redirect(context);
        options.Events.OnValidatePrincipal = ValidateSessionKeyAsync;
    }

    /// <summary>At most once a minute per session: a session whose key is no longer configured for it ends.</summary>
    private static async Task ValidateSessionKeyAsync(CookieValidatePrincipalContext context)
    {
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Principal is not { } user || !SessionRules.IsKeyCheckDue(context.Properties, now))
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        if (SessionRules.KeyStillGrants(user, services.GetRequiredService<ApiKeyRing>()))
        {
            SessionRules.KeyChecked(context.Properties, now);
            context.ShouldRenew = true;
            return;
        }

        SecurityLog.SessionKeyRemoved(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionRules)));
        context.RejectPrincipal();
        // Ends the server-side session too: the cookie is worthless from now on, wherever it is presented.
        await context.HttpContext.SignOutAsync(BillingSchemes.Cookie);
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, BillingOidcOptions oidc)
    {
        var authority = new Uri(oidc.Authority!);
        options.Authority = oidc.Authority;
        options.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
        // SameSite=Lax (form_post would need SameSite=None, which browsers refuse without Secure on http).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.SignInScheme = BillingSchemes.Cookie;
        options.CallbackPath = "/signin-oidc";
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.Events.OnTicketReceived = context =>
        {
            // Only the app's own claims go into the cookie: the customer and the admin role.
            if (context.Principal is { } provided && OidcClaimsMapper.Map(provided, oidc, BillingSchemes.Cookie) is { } identity)
            {
                context.Principal = new System.Security.Claims.ClaimsPrincipal(identity);
            }
            else
            {
                // Neither a customer nor an admin: no cookie. (Fail here would still sign in, so answer directly.)
                context.Response.Redirect(context.Request.PathBase + FailedSignInPath);
                context.HandleResponse();
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(context.Request.PathBase + FailedSignInPath);
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
