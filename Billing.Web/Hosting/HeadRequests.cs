namespace Billing.Web.Hosting;

/// <summary>
/// <c>HEAD</c> is answered as <c>GET</c> without the body (RFC 9110 §9.3.2): the API and the pages are mapped
/// for GET only, so without this a HEAD request would find no endpoint and answer 404.
/// </summary>
public static class HeadRequests
{
    /// <summary>Runs a HEAD request as GET, keeping the status and headers (Content-Length included) and dropping the body.</summary>
    public static void UseHeadAsGet(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });
    }
}
