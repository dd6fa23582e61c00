using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Targets;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Cli.Commands;

internal static class ServeCommand
{
    public const string PublicUrlKey = "PolicyArchiver:Web:PublicUrl";
    public const string TrustForwardedProtoKey = "PolicyArchiver:Web:TrustForwardedProto";
    public const string LogFormatKey = "PolicyArchiver:Logging:Format";

    public static Option<string?> LogFormatOption() => new("--log-format")
    {
        Description = $"Console logs as text (default, one line each for people) or json (one JSON object per line, for a log collector) ({LogFormatKey})",
        HelpName = "text|json",
    };

    /// <summary>Whether logs are JSON: <c>--log-format</c>, else configuration (env <c>PolicyArchiver__Logging__Format</c>); anything else exits 2.</summary>
    public static bool JsonLogsOf(CliContext context, Option<string?> option)
    {
        var configuration = StorageConfiguration.Build(context.ArchiveDirectory, new Dictionary<string, string?> { [LogFormatKey] = context.Parse.GetValue(option) });
        return configuration[LogFormatKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "text" => false,
            "json" => true,
            var other => throw new CliException(ExitCodes.BadInput, $"{LogFormatKey} (--log-format): \"{other}\" is not text or json"),
        };
    }

    public static Option<string?> PublicUrlOption() => new("--public-url")
    {
        Description = $"The site's public address, e.g. https://archive.example.org/, for the absolute links of feeds and Memento ({PublicUrlKey}; default: the address it listens on; never the request's Host header)",
        HelpName = "URL",
    };

    /// <summary>Where absolute links point: <c>--public-url</c>, else configuration; a bad value exits 2 naming its key.</summary>
    public static PublicAddress PublicAddressOf(CliContext context, Option<string?> option)
    {
        var configuration = StorageConfiguration.Build(context.ArchiveDirectory, new Dictionary<string, string?> { [PublicUrlKey] = context.Parse.GetValue(option) });
        var url = configuration[PublicUrlKey];
        if (url is not null && PublicAddress.Problem(url) is { } problem) throw new CliException(ExitCodes.BadInput, $"{PublicUrlKey} (--public-url): {problem}");
        var trust = false;
        if (configuration[TrustForwardedProtoKey] is { } value && !bool.TryParse(value, out trust))
            throw new CliException(ExitCodes.BadInput, $"{TrustForwardedProtoKey}: \"{value}\" is not true or false");
        return new PublicAddress(url is null ? null : new Uri(url), trust);
    }

    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Where the web archive listens (';' between several)",
        DefaultValueFactory = _ => ArchiveSite.DefaultUrls,
        HelpName = "URLS",
    };

    public static Command Create(Handler handler)
    {
        var urls = UrlsOption();
        var publicUrl = PublicUrlOption();
        var logFormat = LogFormatOption();
        var command = new Command("serve", "Serve the web archive (pages, Atom feeds, JSON API, Memento, replay of captured pages, exports) read-only, without capturing; stop with Ctrl+C")
        {
            urls, publicUrl, logFormat,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var json = JsonLogsOf(context, logFormat);
            // Read-only: a serve process never migrates, writes or signs; capture and run keep writing alongside it.
            using var archive = await context.OpenArchiveReadOnlyAsync(ct);
            var targets = await TryLoadTargetsAsync(context, ct);
            var app = Build(new ArchiveReader(archive, () => targets), context.Parse.GetValue(urls)!, PublicAddressOf(context, publicUrl), json);
            await using (app)
            {
                await StartAsync(context, app, ct);
                await app.WaitForShutdownAsync(ct);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The site on its own host.</summary>
    public static WebApplication Build(ArchiveReader reader, string urls, PublicAddress? address, bool jsonLogs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        ConfigureLogging(builder.Logging, jsonLogs);
        builder.AddArchiveSite(reader, urls, address);
        var app = builder.Build();
        app.MapArchiveSite();
        return app;
    }

    /// <summary>
    /// Console logs on standard output: our own at Information (a line per request, per capture),
    /// the frameworks' warnings only. JSON is the runtime's own formatter, one object per line with
    /// the message's fields under <c>State</c>, so a collector gets <c>StatusCode</c> as a field
    /// instead of parsing it out of text.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, bool json)
    {
        logging.ClearProviders();
        if (json)
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        else
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
            });
        logging.AddFilter("Quartz", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
    }

    /// <summary>Starts listening and says where; a port already taken is a clear error, not a stack trace.</summary>
    public static async Task StartAsync(CliContext context, WebApplication app, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Failure, $"the web archive cannot listen: {e.Message} (choose another address with --urls)");
        }
        await context.Error.WriteLineAsync($"web archive on {string.Join(", ", ArchiveSite.Addresses(app))} (Ctrl+C to stop)");
    }

    /// <summary>Names, types and languages come from targets.json; without it the archive is still browsable by document key.</summary>
    private static async Task<TargetList?> TryLoadTargetsAsync(CliContext context, CancellationToken ct)
    {
        try
        {
            return await context.LoadTargetsAsync(ct);
        }
        catch (Exception e) when (e is TargetsException or IOException)
        {
            await context.Error.WriteLineAsync($"policyarchiver: warning: {e.Message.Split('\n')[0]} — serving the archive without company names");
            return null;
        }
    }
}
