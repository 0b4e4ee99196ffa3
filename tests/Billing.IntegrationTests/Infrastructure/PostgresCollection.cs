using Billing.TestSupport.Postgres;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="PostgresFixture"/> server and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
