using System.Net;
using System.Text.Json;
using Billing.SystemTests.Infrastructure;
using static Billing.SystemTests.Infrastructure.IngestClient;

namespace Billing.SystemTests;

/// <summary>
/// <c>POST /api/events</c> on the real app (its embedded broker, co-hosted silo): events sent over HTTP as Kafka
/// JSON or CloudEvents are billed exactly; invalid, oversized and forbidden requests produce nothing.
/// </summary>
public sealed class IngestApiTests(IngestApp app) : IClassFixture<IngestApp>
{
    private BillingAppHost Host => app.Host;

    [Fact]
    public async Task OneEvent_Answers202WithItsId_AndIsBilledExactly()
    {
        var (status, body, response) = await PostAsync(app.Ingest, Event("ava-1", "Ava", "CALL", "3.57"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["ava-1"], Accepted(body));
        Assert.Equal((1, "3.57"), await BilledAsync(Host, "Ava"));
    }

    [Fact]
    public async Task Batch_Answers202WithEveryIdInOrder_AndEveryCustomerIsBilledExactly()
    {
        var (status, body, _) = await PostAsync(app.Ingest, Batch(
            Event("liam-1", "Liam", "CALL", "1.10"),
            Event("noah-1", "Noah", "DATA", "3.30", "2026-11-11T09:30:00+01:00"),
            Event("liam-2", "Liam", "DATA", "2.20"),
            Event("liam-3", "Liam", "PACK", "0.01", "1794700800000")));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["liam-1", "noah-1", "liam-2", "liam-3"], Accepted(body));
        Assert.Equal((3, "3.31"), await BilledAsync(Host, "Liam"));
        Assert.Equal((1, "3.30"), await BilledAsync(Host, "Noah"));
    }

    [Fact]
    public async Task OneCloudEvent_IsBilledExactly()
    {
        var (status, body, _) = await PostAsync(app.Ingest, CloudEventOf("mia-ce-1", "Mia", "MESSAGE", "0.25"), CloudEvent);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["mia-ce-1"], Accepted(body));
        Assert.Equal((1, "0.25"), await BilledAsync(Host, "Mia"));
    }

    [Fact]
    public async Task CloudEventBatch_IsBilledExactly()
    {
        var (status, body, _) = await PostAsync(app.Ingest, Batch(
            CloudEventOf("zoe-ce-1", "Zoe", "CALL", "10.00"),
            CloudEventOf("leo-ce-1", "Leo", "MISC", "7.07"),
            CloudEventOf("zoe-ce-2", "Zoe", "DATA", "0.50")), CloudEventBatch);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["zoe-ce-1", "leo-ce-1", "zoe-ce-2"], Accepted(body));
        Assert.Equal((2, "10.50"), await BilledAsync(Host, "Zoe"));
        Assert.Equal((1, "7.07"), await BilledAsync(Host, "Leo"));
    }

    [Fact]
    public async Task BatchWithInvalidEvents_Answers400WithOneReasonPerRefusedEvent_AndProducesNothing()
    {
        var before = await RecordsInTopicAsync(Host);

        var (status, body, response) = await PostAsync(app.Ingest, Batch(
            Event("ivy-1", "Ivy", "CALL", "1.00"),
            Event("ivy-2", "Ivy", "SMS", "1.00"),
            """{"customer":"Ivy","type":"CALL","amount":"1.00","time":"2026-11-10T08:00:00Z"}""",
            Event("ivy-4", "Ivy", "CALL", "1.001"),
            Event("ivy-5", "Ivy", "CALL", "1.00", "2031-01-01T00:00:00Z")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("4 of 5 events are invalid; nothing was produced.", body.GetProperty("detail").GetString());
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            [(1, "ivy-2", "unknown-type"), (2, null, "missing-field"), (3, "ivy-4", "too-many-minor-digits"), (4, "ivy-5", "implausible-time")],
            errors.Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("id").GetString(), e.GetProperty("code").GetString())));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("detail").GetString())));
        Assert.StartsWith("field 'id' is missing", errors[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RecordsInTopicAsync(Host));
        Assert.Null(await BilledAsync(Host, "Ivy"));
    }

    [Theory]
    [InlineData("", "empty-record")]
    [InlineData("not json", "malformed-json")]
    [InlineData("[{\"id\":\"x\",", "malformed-json")]
    [InlineData("[]", "empty-record")]
    public async Task UnreadableBody_Answers400WithTheReason(string body, string code)
    {
        var (status, answer, _) = await PostAsync(app.Ingest, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("index").ValueKind);
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task BatchOverMaxBatchSize_Answers413_AndProducesNothing()
    {
        var before = await RecordsInTopicAsync(Host);

        var (status, body, _) = await PostAsync(app.Ingest, Batch([.. Enumerable.Range(0, IngestApp.MaxBatchSize + 1).Select(n => Event($"big-{n}", "Big", "CALL", "1.00"))]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Billing:Ingest:MaxBatchSize", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RecordsInTopicAsync(Host));
    }

    [Fact]
    public async Task BodyOverMaxRequestBytes_Answers413()
    {
        var padded = Event("pad-1", "Pad", "CALL", "1.00").Replace("{", "{\"padding\":\"" + new string('x', IngestApp.MaxRequestBytes) + "\",", StringComparison.Ordinal);

        var (status, body, _) = await PostAsync(app.Ingest, padded);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Billing:Ingest:MaxRequestBytes", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task OtherContentType_Answers415(string contentType)
    {
        var (status, body, _) = await PostAsync(app.Ingest, Event("ct-1", "Ct", "CALL", "1.00"), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/cloudevents+json", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestKeyOfOneCustomer_SendsItsOwnEvents_AndAnotherCustomersGet403WithNothingOfTheBatchProduced()
    {
        var before = await RecordsInTopicAsync(Host);
        var (forbidden, problem, _) = await PostAsync(app.IngestEmma, Batch(
            Event("emma-own-1", IngestApp.Emma, "CALL", "5.00"),
            Event("olivia-1", "Olivia", "CALL", "5.00")));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal([1], problem.GetProperty("indexes").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal(before, await RecordsInTopicAsync(Host));

        var (status, body, _) = await PostAsync(app.IngestEmma, Event("emma-own-2", IngestApp.Emma, "DATA", "4.44"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["emma-own-2"], Accepted(body));
        Assert.Equal((1, "4.44"), await BilledAsync(Host, IngestApp.Emma));
    }

    [Fact]
    public async Task CustomersAndAdminsKeysAndCookieSessions_Get403_AnonymousGets401_AndNothingIsProduced()
    {
        var before = await RecordsInTopicAsync(Host);
        var browser = await Host.SignInAsync(Host.DemoKeys.For(IngestApp.Emma)!.Key);
        var admin = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);
        var oneEvent = Event("not-allowed-1", IngestApp.Emma, "CALL", "9.99");

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Host.ClientFor(Host.DemoKeys.For(IngestApp.Emma)!.Key), oneEvent)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Host.Http, oneEvent)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(browser.Http, oneEvent)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(admin.Http, oneEvent)).Status);
        var (anonymous, _, response) = await PostAsync(Host.AnonymousClient(), oneEvent);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, await RecordsInTopicAsync(Host));
    }

    [Theory]
    [InlineData("GET", "/api/customers/Emma/usage")]
    [InlineData("GET", "/customers/Emma")]
    [InlineData("GET", "/api/customers/Emma/invoices")]
    [InlineData("HEAD", "/api/customers/Emma/usage")]
    [InlineData("GET", "/api/status")]
    [InlineData("GET", "/api/customers/top")]
    [InlineData("GET", "/types/CALL")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/orleans-dashboard/")]
    public async Task IngestKeys_Get403OnEveryReadRouteAndPage(string method, string path)
    {
        foreach (var client in new[] { app.Ingest, app.IngestEmma })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("4.44", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IngestKey_CannotSignIn()
    {
        var browser = Host.NewBrowser();

        using var signIn = await browser.PostSignInAsync("/signin", ("Form.Key", app.IngestKey));

        Assert.Null(browser.Cookie("billing.auth"));
        Assert.Contains("This key sends events and cannot sign in.", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>
/// One embedded app (generator off, processing clock pinned in autumn 2026) with an ingest key for any customer
/// and one for Emma only; batches of at most <see cref="MaxBatchSize"/> events and bodies of at most
/// <see cref="MaxRequestBytes"/> bytes.
/// </summary>
public sealed class IngestApp : IAsyncLifetime
{
    public const string Emma = "Emma";
    public const int MaxBatchSize = 8;
    public const int MaxRequestBytes = 8_192;

    private BillingAppHost? host;

    public BillingAppHost Host => host ?? throw new InvalidOperationException("Not started.");

    /// <summary>The ingest key for any customer.</summary>
    public string IngestKey { get; private set; } = "";

    /// <summary>Sends the ingest key for any customer.</summary>
    public HttpClient Ingest { get; private set; } = null!;

    /// <summary>Sends the ingest key for Emma only.</summary>
    public HttpClient IngestEmma { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (any, anySettings) = NewIngestKey(0);
        var (emma, emmaSettings) = NewIngestKey(1, Emma);
        host = await BillingAppHost.StartAsync(
        [
            "--Generator:Enabled=false",
            $"--Billing:Ingest:MaxBatchSize={MaxBatchSize}",
            $"--Billing:Ingest:MaxRequestBytes={MaxRequestBytes}",
            .. anySettings,
            .. emmaSettings,
        ]);
        IngestKey = any;
        Ingest = host.ClientFor(any);
        IngestEmma = host.ClientFor(emma);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
