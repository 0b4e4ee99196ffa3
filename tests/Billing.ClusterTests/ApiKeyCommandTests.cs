using System.Security.Claims;
using System.Text.RegularExpressions;
using Billing.TestSupport.Processes;
using Billing.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Billing.ClusterTests;

/// <summary><c>Billing.Silo apikey</c> as an operator runs it: a new key, and the configuration lines that grant it.</summary>
public sealed partial class ApiKeyCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Customer_PrintsAKeyWhoseHashIsTheConfiguredOne_ForThatCustomer()
    {
        var (key, configuration) = await MakeKeyAsync("--customer", "Emma");

        Assert.Equal(ApiKeyRing.HashOf(key), configuration["Billing:ApiKeys:0:Sha256"]);
        Assert.Equal("Emma", configuration["Billing:ApiKeys:0:Customer"]);
        Assert.Null(configuration["Billing:ApiKeys:0:Role"]);
        // The printed lines, as environment variables, are a configuration the web app accepts.
        var identity = ApiKeyRing.From(configuration).Authenticate(key, "ApiKey");
        Assert.Equal("Emma", identity?.FindFirst(BillingClaims.Customer)?.Value);
    }

    [Fact]
    public async Task Admin_AtAnIndex_PrintsAKeyWhoseHashIsTheConfiguredOne_AsAdmin()
    {
        var (key, configuration) = await MakeKeyAsync("--admin", "--index", "3");

        Assert.Equal(ApiKeyRing.HashOf(key), configuration["Billing:ApiKeys:3:Sha256"]);
        Assert.Equal("Admin", configuration["Billing:ApiKeys:3:Role"]);
        Assert.Null(configuration["Billing:ApiKeys:3:Customer"]);
        var identity = ApiKeyRing.From(configuration).Authenticate(key, "ApiKey");
        Assert.True(new ClaimsPrincipal(identity!).IsInRole(BillingClaims.AdminRole));
    }

    [Fact]
    public async Task IngestForACustomer_PrintsAKeyThatSendsThatCustomersEventsAndReadsNothing()
    {
        var (key, configuration) = await MakeKeyAsync("--ingest", "--customer", "Emma", "--index", "2");

        Assert.Equal(ApiKeyRing.HashOf(key), configuration["Billing:ApiKeys:2:Sha256"]);
        Assert.Equal("Ingest", configuration["Billing:ApiKeys:2:Role"]);
        Assert.Equal("Emma", configuration["Billing:ApiKeys:2:Customer"]);
        var user = new ClaimsPrincipal(ApiKeyRing.From(configuration).Authenticate(key, "ApiKey")!);
        Assert.True(user.IsInRole(BillingClaims.IngestRole));
        Assert.Equal("Emma", user.FindFirst(BillingClaims.IngestCustomer)?.Value);
        Assert.False(CustomerAccess.IsReader(user));
    }

    [Fact]
    public async Task Ingest_PrintsAKeyForAnyCustomersEvents()
    {
        var (key, configuration) = await MakeKeyAsync("--ingest");

        Assert.Equal("Ingest", configuration["Billing:ApiKeys:0:Role"]);
        Assert.Null(configuration["Billing:ApiKeys:0:Customer"]);
        Assert.Null(ApiKeyRing.From(configuration).Authenticate(key, "ApiKey")!.FindFirst(BillingClaims.IngestCustomer));
    }

    [Fact]
    public async Task TwoRuns_MakeDifferentKeys()
    {
        var (first, _) = await MakeKeyAsync("--admin");
        var (second, _) = await MakeKeyAsync("--admin");

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData]
    [InlineData("--customer")]
    [InlineData("--customer", "")]
    [InlineData("--customer", "Emma", "--admin")]
    [InlineData("--ingest", "--admin")]
    [InlineData("--admin", "--index")]
    [InlineData("--admin", "--index", "-1")]
    [InlineData("--admin", "--index", "x")]
    [InlineData("--admin", "--role", "Admin")]
    [InlineData("--Customer", "Emma")]
    public async Task BadArguments_ExitTwoWithTheUsageAndNoKey(params string[] arguments)
    {
        await using var command = AppProcess.Run(RepositoryPaths.SiloAssembly, "apikey", ["apikey", .. arguments]);

        Assert.Equal(2, await command.WaitForExitAsync(Patience));
        Assert.Contains("usage: Billing.Silo apikey", command.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("qb_", command.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sha256", command.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the command; the printed key, and the printed lines read as environment variables are.</summary>
    private static async Task<(string Key, IConfiguration Configuration)> MakeKeyAsync(params string[] arguments)
    {
        await using var command = AppProcess.Run(RepositoryPaths.SiloAssembly, "apikey", ["apikey", .. arguments]);
        Assert.Equal(0, await command.WaitForExitAsync(Patience));

        var output = command.Output;
        var key = Assert.Single(KeyLine().Matches(output)).Groups[1].Value;
        Assert.StartsWith("qb_", key, StringComparison.Ordinal);
        Assert.InRange(key.Length, 40, 60);
        var settings = SettingLine().Matches(output)
            .ToDictionary(match => match.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal), match => (string?)match.Groups[2].Value);
        // The hash, and the customer, the role or (an ingest key for one customer) both.
        Assert.InRange(settings.Count, 2, 3);
        // The key itself is printed once, never in a configuration line.
        Assert.Single(Regex.Matches(output, Regex.Escape(key)));
        return (key, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    [GeneratedRegex(@"^\[apikey\] key \(shown once; give it to its holder\): (\S+)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^\[apikey\] (Billing__ApiKeys__\d+__\w+)=(\S+)$", RegexOptions.Multiline)]
    private static partial Regex SettingLine();
}
