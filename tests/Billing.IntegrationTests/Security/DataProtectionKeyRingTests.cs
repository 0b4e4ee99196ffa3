using System.Security.Cryptography;
using Billing.Grains.Hosting;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport.Postgres;
using Billing.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Billing.IntegrationTests.Security;

/// <summary>
/// The key ring that protects sign-in cookies, as the web processes of a cluster share it in PostgreSQL: what one
/// protects another reads (a browser may move between them); another deployment on the same database cannot.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DataProtectionKeyRingTests(PostgresFixture postgres)
{
    private const string Payload = "signed in as admin";

    [Fact]
    public async Task KeyRing_TwoWebProcessesOfOneCluster_ReadEachOthersPayloadsFromTheSharedKeys()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        using var first = Provider(connectionString, "billing", BillingMode.Cluster);
        using var second = Provider(connectionString, "billing", BillingMode.Cluster);

        var protectedByFirst = Protector(first).Protect(Payload);

        Assert.Equal(Payload, Protector(second).Unprotect(protectedByFirst));
        Assert.Equal(1L, await CountKeysAsync(connectionString));
    }

    [Fact]
    public async Task KeyRing_AnotherServiceIdOnTheSameDatabase_CannotReadThem()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        using var billing = Provider(connectionString, "billing", BillingMode.Cluster);
        using var other = Provider(connectionString, "other", BillingMode.Cluster);

        var protectedByBilling = Protector(billing).Protect(Payload);

        Assert.ThrowsAny<CryptographicException>(() => Protector(other).Unprotect(protectedByBilling));
    }

    [Fact]
    public void KeyRing_TwoEmbeddedApps_KeepTheirKeysApart()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var first = Provider(configuration, BillingMode.Embedded);
        using var second = Provider(configuration, BillingMode.Embedded);

        var protectedByFirst = Protector(first).Protect(Payload);

        Assert.Equal(Payload, Protector(first).Unprotect(protectedByFirst));
        Assert.ThrowsAny<CryptographicException>(() => Protector(second).Unprotect(protectedByFirst));
    }

    private static IDataProtector Protector(ServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");

    private static ServiceProvider Provider(string connectionString, string serviceId, BillingMode mode) =>
        Provider(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Billing"] = connectionString,
            ["Orleans:ServiceId"] = serviceId,
        }).Build(), mode);

    private static ServiceProvider Provider(IConfiguration configuration, BillingMode mode)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBillingDataProtection(configuration, mode);
        return services.BuildServiceProvider();
    }

    private static async Task<long> CountKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from billing_data_protection_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
