using Billing.Web.Hosting;

// With no configuration this runs everything on one machine: an embedded Kafka broker, a co-hosted silo,
// the generator and the web app on http://localhost:8080 (--urls overrides).
var app = BillingWebApplication.Create(args);
await app.RunAsync();
