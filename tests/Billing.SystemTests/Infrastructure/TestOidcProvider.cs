using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Billing.SystemTests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict, degraded mode: no stores) on a loopback port: authorization
/// code flow with PKCE, one confidential client. Its authorize endpoint signs in <see cref="NextUser"/> at
/// once, without a login page.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "billing-web";

    public const string ClientSecret = "test-secret-not-for-production";

    private readonly WebApplication app;

    private TestOidcProvider(WebApplication app, Uri authority)
    {
        this.app = app;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>Who the next authorization request signs in as.</summary>
    public TestUser NextUser { get; set; } = new("alice", Customer: null, Roles: []);

    /// <summary>How many codes the token endpoint redeemed.</summary>
    public int TokensIssued { get; private set; }

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TestOidcProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement();
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri is null || !context.RedirectUri.EndsWith("/signin-oidc", StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidRequest, "Unexpected redirect_uri.");
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal)
                    || !string.Equals(context.ClientSecret, ClientSecret, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "Bad client credentials.");
                }
                else
                {
                    provider!.TokensIssued++;
                }

                return default;
            }));
            options.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                context.SignIn(provider!.NextUser.Principal());
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider = new TestOidcProvider(app, new Uri(address + "/"));
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A user of the provider: a customer claim and roles as the provider would issue them.</summary>
    public sealed record TestUser(string Subject, string? Customer, IReadOnlyList<string> Roles)
    {
        public ClaimsPrincipal Principal()
        {
            var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, Subject).SetClaim(Claims.Name, Subject);
            if (Customer is not null)
            {
                identity.SetClaim("billing_customer", Customer);
            }

            identity.SetClaims(Claims.Role, [.. Roles]);
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(Scopes.OpenId, Scopes.Profile);
            return principal;
        }
    }
}
