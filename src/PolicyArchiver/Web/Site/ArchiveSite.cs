using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyArchiver.Web.Api;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Site;

/// <summary>
/// The web archive: pages, feeds, JSON API, Memento time travel and exports, all read-only.
/// Hosted by <c>serve</c> on its own, and by <c>run</c> next to the scheduler.
/// </summary>
internal static class ArchiveSite
{
    public const string DefaultUrls = PublicAddress.DefaultUrls;

    /// <summary>Registers what the site needs and where it listens (<c>;</c>-separated URLs, as ASP.NET Core takes them).</summary>
    /// <param name="address">Where the site's absolute links point (null: the address it listens on).</param>
    public static void AddArchiveSite(this WebApplicationBuilder builder, ArchiveReader reader, string urls, PublicAddress? address = null)
    {
        builder.Services.AddSingleton(address ?? new PublicAddress(null, false));
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
        builder.Services.AddSingleton(reader);
        // The site's clock is the archive's (the composition root's), unless a test or host brings its own.
        builder.Services.TryAddSingleton(reader.Archive.Time);
        builder.Services.AddSingleton(new SearchIndexUpkeep(reader));
        builder.Services.AddSingleton(new Feeds.EntryContentCache());
        builder.Services.AddRouting(o => o.LowercaseUrls = false);
    }

    public static void MapArchiveSite(this WebApplication app)
    {
        // The search index is brought up to date as the site starts, not when the first visitor searches.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<SearchIndexUpkeep>().Start());
        // First, so that a refused method and an exception are logged too, with the method as sent.
        app.Use(RequestLog.Middleware(app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(), app.Services.GetRequiredService<ArchiveReader>().Archive.Time));
        app.Use(ReadOnly);
        app.Use(SecurityHeaders);
        app.UseRequestLocalization(Pages.SiteLanguage.Options());
        // Endpoints are matched here, after ReadOnly has turned HEAD into GET. Left implicit, routing
        // runs first of all, where a HEAD request matches no GET endpoint and every page answered 404.
        app.UseRouting();
        HealthEndpoints.Map(app);
        PageEndpoints.Map(app);
        Api.SearchEndpoints.Map(app);
        ApiEndpoints.Map(app);
        Feeds.FeedEndpoints.Map(app);
        Checkpoints.CheckpointEndpoints.Map(app);
        Memento.MementoEndpoints.Map(app);
        Replay.ReplayEndpoints.Map(app);
        ExportEndpoints.Map(app);
        Pages.SiteLanguage.Map(app);
        app.MapFallback("{**path}", async (HttpContext http) =>
            http.Request.Path.StartsWithSegments("/api")
                ? ApiResults.NotFound($"nothing at {http.Request.Path}")
                : await Layout.NotFoundAsync(http, Localization.SiteText.F(Localization.SiteText.Current.NothingAt, http.Request.Path)));
    }

    /// <summary>The addresses the site actually listens on (a port of 0 is resolved once started).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>No endpoint changes the archive: anything but GET and HEAD is refused before routing.</summary>
    private static async Task ReadOnly(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            // HEAD is answered as GET; Kestrel sends the headers and drops the body.
            http.Request.Method = HttpMethods.Get;
            await next();
            return;
        }
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        http.Response.Headers.Allow = "GET, HEAD";
        await http.Response.WriteAsync("the archive is read-only\n");
    }

    /// <summary>
    /// Our own pages run no script and load nothing from elsewhere. Archived HTML is served only by
    /// the raw-snapshot endpoints, which set their own <c>sandbox</c> policy.
    /// </summary>
    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'";
            // A replayed page's own frames have an opaque-origin parent, which SAMEORIGIN would refuse;
            // replay responses carry their own sandbox policy and no action of this site.
            if (!headers.ContainsKey("X-Frame-Options") && !http.Request.Path.StartsWithSegments("/replay")) headers.XFrameOptions = "SAMEORIGIN";
            return Task.CompletedTask;
        });
        return next();
    }
}
