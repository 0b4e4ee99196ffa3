using Billing.TestSupport.Postgres;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>One PostgreSQL server for every crash test; each test gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL cluster";
}
