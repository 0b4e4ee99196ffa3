using System.Net;
using System.Net.Sockets;
using System.Text;
using Billing.Events;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// Who may read what, over every route of the HTTP API: each route asked by an anonymous caller, customer A,
/// customer B, an admin, an ingest key for any customer, an ingest key for A only, a wrong key and malformed
/// headers, with the exact status expected and no other customer's data in any answer.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixApp app) : IClassFixture<AuthorizationMatrixApp>
{
    public enum Caller
    {
        Anonymous,
        CustomerA,
        CustomerB,
        Admin,
        WrongKey,
        BasicScheme,
        BearerWithoutKey,
        TwoAuthorizationHeaders,
        IngestAny,
        IngestA,
    }

    private enum Access
    {
        /// <summary>Anyone, signed in or not.</summary>
        Open,

        /// <summary>The customer in the route, and admins.</summary>
        Customer,

        /// <summary>Admins only.</summary>
        Admin,

        /// <summary>Ingest keys only (sending events of the route's customer).</summary>
        Ingest,
    }

    private const string A = AuthorizationMatrixApp.A;
    private const string B = AuthorizationMatrixApp.B;
    private const string Month = AuthorizationMatrixApp.InvoicedMonth;

    private static readonly Route[] Routes =
    [
        .. new[] { A, B }.SelectMany(customer => new Route[]
        {
            new($"/customers/{customer}", Access.Customer, customer),
            new($"/api/customers/{customer}/usage", Access.Customer, customer),
            new($"/api/customers/{customer}/invoices", Access.Customer, customer),
            new($"/api/customers/{customer}/invoices/{Month}", Access.Customer, customer),
            new($"/api/customers/{customer}/invoices/{Month}.html", Access.Customer, customer),
            new($"/api/customers/{customer}/invoices/{Month}.csv", Access.Customer, customer),
        }),

        // Another customer's answer is 403 before anything is looked up: for a month without an invoice, a
        // month that is not one, a customer that does not exist, or one spelt in another case.
        new($"/api/customers/{A}/invoices/2026-08", Access.Customer, A, Status: HttpStatusCode.NotFound),
        new($"/api/customers/{A}/invoices/2026-08.csv", Access.Customer, A, Status: HttpStatusCode.NotFound),
        new($"/api/customers/{A}/invoices/2026-13", Access.Customer, A, Status: HttpStatusCode.BadRequest),
        new("/customers/Nobody", Access.Customer, "Nobody", Status: HttpStatusCode.NotFound),
        new("/api/customers/Nobody/usage", Access.Customer, "Nobody", Status: HttpStatusCode.NotFound),
        new("/api/customers/Nobody/invoices", Access.Customer, "Nobody"),
        new($"/api/customers/Nobody/invoices/{Month}", Access.Customer, "Nobody", Status: HttpStatusCode.NotFound),
        new($"/customers/{A.ToLowerInvariant()}", Access.Customer, A.ToLowerInvariant(), Status: HttpStatusCode.NotFound),

        new("/types/CALL", Access.Admin),
        new("/types/call", Access.Admin),
        new("/types/TEXT", Access.Admin, Status: HttpStatusCode.NotFound),
        new("/api/types/DATA/usage", Access.Admin),
        new("/api/types/TEXT/usage", Access.Admin, Status: HttpStatusCode.NotFound),
        new("/api/status", Access.Admin),
        new("/api/customers/top", Access.Admin, NamesCustomers: true),
        new("/api/customers/top?month=2026-10&count=1", Access.Admin, NamesCustomers: true),
        new("/api/customers/top?count=0", Access.Admin, Status: HttpStatusCode.BadRequest),
        new("/api/customers/top?month=2026-13", Access.Admin, Status: HttpStatusCode.BadRequest),
        // Nothing is stalled: an admin's skip order finds no failing delivery at that offset.
        new("/api/partitions/0/skip?offset=5", Access.Admin, Status: HttpStatusCode.NotFound, Method: "POST"),
        new("/api/partitions/0/skip", Access.Admin, Status: HttpStatusCode.BadRequest, Method: "POST"),
        // Nothing was dead-lettered: an admin's replay of a reason finds nothing to replay; without a reason it is refused.
        new("/api/deadletters/replay?reason=wrong-currency", Access.Admin, Method: "POST"),
        new("/api/deadletters/replay?reason=wrong-currency&dryRun=true", Access.Admin, Method: "POST"),
        new("/api/deadletters/replay", Access.Admin, Status: HttpStatusCode.BadRequest, Method: "POST"),

        // One event of A's in October (a new id each time): ingest keys send it, A's own included; readers may not.
        new("/api/events", Access.Ingest, A, Status: HttpStatusCode.Accepted, Method: "POST",
            Body: $$"""{"id":"matrix-{id}","customer":"{{A}}","type":"MISC","amount":"0.01","time":"2026-10-04T00:00:00Z"}"""),

        new("/health/live", Access.Open),
        new("/health/ready", Access.Open),
    ];

    public static TheoryData<string, Caller> Cases()
    {
        var cases = new TheoryData<string, Caller>();
        foreach (var route in Routes)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cases.Add(route.Request, caller);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_AskedBy_AnswersExactlyItsStatusAndNoOtherCustomersData(string request, Caller caller)
    {
        var route = Routes.Single(r => r.Request == request);
        var (expected, path) = (Expected(route, caller), route.Path);

        var answer = await AskAsync(route, caller);

        Assert.True(expected == answer.Status, $"{caller} {request}: expected {(int)expected}, got {(int)answer.Status}: {answer.Body}");
        // Whoever asks, no answer names a customer other than the route's own (the admin-only routes name
        // none, except the top customers, which only an admin ever gets), and no answer about a customer
        // carries another customer's amounts. (The totals by type add up every customer's amounts: they are
        // for admins.)
        var mayNameCustomers = route.NamesCustomers && caller == Caller.Admin;
        foreach (var (customer, marks) in AuthorizationMatrixApp.Marks.Where(m => m.Key != route.Owner))
        {
            if (!mayNameCustomers)
            {
                Assert.DoesNotContain(customer, answer.Body, StringComparison.Ordinal);
            }

            if (route.Access == Access.Customer)
            {
                Assert.All(marks, mark => Assert.DoesNotContain(mark, answer.Body, StringComparison.Ordinal));
            }
        }

        switch (answer.Status)
        {
            case HttpStatusCode.OK when route.Access == Access.Customer && route.Owner is A or B:
                Assert.Contains(route.Owner, answer.Body, StringComparison.Ordinal);
                break;
            case HttpStatusCode.OK when route.NamesCustomers:
                // October's top: B's 44.53 ahead of A's 22.29; with count=1, B alone.
                Assert.Contains(B, answer.Body, StringComparison.Ordinal);
                Assert.Equal(!path.Contains("count=1", StringComparison.Ordinal), answer.Body.Contains(A, StringComparison.Ordinal));
                break;
            case HttpStatusCode.Unauthorized:
                Assert.Equal(["Bearer"], answer.Challenges);
                Assert.Equal("application/problem+json", answer.ContentType);
                break;
            case HttpStatusCode.Forbidden:
                Assert.Empty(answer.Challenges);
                Assert.Equal("application/problem+json", answer.ContentType);
                break;
        }
    }

    /// <summary>A route added to the API fails here until a request of <see cref="Routes"/> reaches it, with its method.</summary>
    [Fact]
    public void Matrix_AsksEveryApiRouteOfTheApp()
    {
        var endpoints = app.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var api = endpoints.Where(endpoint => IsApi(endpoint.RoutePattern)).ToList();
        var asked = Routes.Select(route => RoutedTo(endpoints, route.Method, route.Path)).OfType<RouteEndpoint>().ToHashSet();

        Assert.NotEmpty(api);
        var missing = api.Where(endpoint => !asked.Contains(endpoint)).Select(Describe).ToList();
        Assert.True(missing.Count == 0, $"Routes of the API that no path of the matrix reaches: {string.Join(", ", missing)}");
    }

    /// <summary>The API: every route under <c>/api</c>, and the prototype's <c>/customers</c> and <c>/types</c>.</summary>
    private static bool IsApi(RoutePattern pattern) =>
        Template(pattern).Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is "api" or "customers" or "types";

    private static string Template(RoutePattern pattern) => "/" + pattern.RawText?.TrimStart('/');

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join("|", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["any method"])} {Template(endpoint.RoutePattern)}";

    /// <summary>
    /// The endpoint a request reaches, chosen as endpoint routing chooses: of the routes of its method whose
    /// template matches the path, the first by order, then by precedence (a literal before a parameter).
    /// </summary>
    private static RouteEndpoint? RoutedTo(IEnumerable<RouteEndpoint> endpoints, string method, string path)
    {
        var pathOnly = path.Split('?')[0];
        return endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(method))
            .Select(endpoint => (Endpoint: endpoint, Template: new RouteTemplate(endpoint.RoutePattern)))
            .Where(candidate => new TemplateMatcher(candidate.Template, new RouteValueDictionary()).TryMatch(pathOnly, new RouteValueDictionary()))
            .OrderBy(candidate => candidate.Endpoint.Order)
            .ThenBy(candidate => RoutePrecedence.ComputeInbound(candidate.Template))
            .Select(candidate => candidate.Endpoint)
            .FirstOrDefault();
    }

    private static HttpStatusCode Expected(Route route, Caller caller)
    {
        if (route.Access == Access.Open)
        {
            return HttpStatusCode.OK;
        }

        var customer = caller switch
        {
            Caller.CustomerA => A,
            Caller.CustomerB => B,
            _ => null,
        };
        var ingest = caller is Caller.IngestAny or Caller.IngestA;
        if (caller != Caller.Admin && customer is null && !ingest)
        {
            return HttpStatusCode.Unauthorized;
        }

        // Ingest keys send events and read nothing; nobody else sends events.
        if (ingest || route.Access == Access.Ingest)
        {
            return ingest && route.Access == Access.Ingest && (caller == Caller.IngestAny || route.Owner == A) ? route.Status : HttpStatusCode.Forbidden;
        }

        return caller == Caller.Admin || (route.Access == Access.Customer && customer == route.Owner)
            ? route.Status
            : HttpStatusCode.Forbidden;
    }

    private async Task<Answer> AskAsync(Route route, Caller caller)
    {
        if (caller == Caller.TwoAuthorizationHeaders)
        {
            // HttpClient would fold two values into one line; a raw request sends two header lines. The second
            // is the admin's: two keys are refused rather than either one honoured.
            return await AskRawAsync(route, $"Bearer {app.KeyOf(A)}", $"Bearer {app.Host.AdminKey}");
        }

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Body is not null)
        {
            request.Content = new StringContent(route.Body.Replace("{id}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }

        var authorization = caller switch
        {
            Caller.Anonymous => null,
            Caller.CustomerA => $"Bearer {app.KeyOf(A)}",
            Caller.CustomerB => $"Bearer {app.KeyOf(B)}",
            Caller.Admin => $"Bearer {app.Host.AdminKey}",
            Caller.IngestAny => $"Bearer {app.IngestAnyKey}",
            Caller.IngestA => $"Bearer {app.IngestAKey}",
            Caller.WrongKey => $"Bearer {DemoKeys.NewKey()}",
            Caller.BasicScheme => "Basic xyz",
            Caller.BearerWithoutKey => "Bearer",
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await app.Anonymous.SendAsync(request);
        return new Answer(
            response.StatusCode,
            [.. response.Headers.WwwAuthenticate.Select(challenge => challenge.ToString())],
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    /// <summary>An HTTP/1.0 request over a socket (so the answer is not chunked), with exactly these header lines.</summary>
    private async Task<Answer> AskRawAsync(Route route, params string[] authorizations)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(app.Host.Address.Host, app.Host.Address.Port);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder($"{route.Method} {route.Path} HTTP/1.0\r\nHost: {app.Host.Address.Authority}\r\nContent-Length: 0\r\n");
        foreach (var authorization in authorizations)
        {
            request.Append($"Authorization: {authorization}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..end].Split("\r\n");
        var headers = head[1..].Select(line => (Name: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        return new Answer(
            (HttpStatusCode)int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture),
            [.. headers.Where(h => h.Name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)],
            headers.Where(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Split(';')[0]).SingleOrDefault(),
            text[(end + 4)..]);
    }

    // NamesCustomers: an admin's answer lists customers (the top customers). Body: JSON sent with the request, "{id}" made unique.
    private sealed record Route(
        string Path, Access Access, string? Owner = null, HttpStatusCode Status = HttpStatusCode.OK, bool NamesCustomers = false, string Method = "GET",
        string? Body = null)
    {
        /// <summary>How the case is named: the method and the path.</summary>
        public string Request => $"{Method} {Path}";
    }

    private sealed record Answer(HttpStatusCode Status, IReadOnlyList<string> Challenges, string? ContentType, string Body);
}

/// <summary>
/// One embedded app for the whole matrix, with usage in October and a September invoice for customers A and B
/// (amounts that appear nowhere else, so that a leak would show), and a third customer whose event closes September;
/// started once October's top customers are known.
/// </summary>
public sealed class AuthorizationMatrixApp : IAsyncLifetime
{
    public const string A = "Emma";
    public const string B = "Olivia";
    public const string InvoicedMonth = "2026-09";

    /// <summary>What only A's, or only B's, answers may contain: their amounts (each month's, and the September invoice's).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Marks = new Dictionary<string, string[]>
    {
        [A] = ["11.17", "22.29"],
        [B] = ["33.41", "44.53"],
    };

    private BillingAppHost? host;

    public BillingAppHost Host => host ?? throw new InvalidOperationException("Not started.");

    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>An ingest key for any customer.</summary>
    public string IngestAnyKey { get; } = DemoKeys.NewKey();

    /// <summary>An ingest key for <see cref="A"/> only.</summary>
    public string IngestAKey { get; } = DemoKeys.NewKey();

    /// <summary>The embedded mode's demo key of <paramref name="customer"/>.</summary>
    public string KeyOf(string customer) => Host.DemoKeys.For(customer)?.Key ?? throw new InvalidOperationException($"No demo key for {customer}.");

    public async Task InitializeAsync()
    {
        host = await BillingAppHost.StartAsync(
            "--Generator:Enabled=false",
            "--Billing:IdlePartitionTimeout=00:00:01",
            $"--Billing:ApiKeys:0:Sha256={ApiKeyRing.HashOf(IngestAnyKey)}",
            "--Billing:ApiKeys:0:Role=Ingest",
            $"--Billing:ApiKeys:1:Sha256={ApiKeyRing.HashOf(IngestAKey)}",
            "--Billing:ApiKeys:1:Role=Ingest",
            $"--Billing:ApiKeys:1:Customer={A}");
        Anonymous = Host.AnonymousClient();
        await Host.ProduceAsync([
            CsvRecords.Event(A, EventType.Call, 11.17m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event(B, EventType.Data, 33.41m, "2026-09-11T08:00:00Z"),
            CsvRecords.Event(A, EventType.Call, 22.29m, "2026-10-02T08:00:00Z"),
            CsvRecords.Event(B, EventType.Data, 44.53m, "2026-10-03T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        await Host.WaitUntilHandledAsync(5, deadLetters: 0, TimeSpan.FromSeconds(60));
        await Host.WaitForInvoicesAsync(A, [InvoicedMonth], TimeSpan.FromSeconds(60));
        await Host.WaitForInvoicesAsync(B, [InvoicedMonth], TimeSpan.FromSeconds(60));
        // The silos report standings every two seconds: the top customers answer with October's once they have.
        await BillingAppHost.WaitForAsync(
            () => Host.Http.GetStringAsync("/api/customers/top?month=2026-10"),
            body => body.Contains(A, StringComparison.Ordinal) && body.Contains(B, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "October's top customers");
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
