using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Scheduling;
using PolicyArchiver.Web;
using Quartz;
using PolicyArchiver.Web.Site;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Cli.Commands;

internal static class RunCommand
{
    private static int _runs;

    public static Option<string> TimeZoneOption() => new("--time-zone")
    {
        Description = "Time zone the cron schedules are read in",
        DefaultValueFactory = _ => new ScheduleOptions().TimeZone,
        HelpName = "TZ",
    };

    public static Command Create(Handler handler)
    {
        var defaults = new CaptureOptions();
        var concurrency = new Option<int>("--concurrency") { Description = "Captures in flight at once (on different hosts)", DefaultValueFactory = _ => defaults.Concurrency };
        var hostDelay = new Option<double>("--host-delay") { Description = "Minimum seconds between two requests to the same host", DefaultValueFactory = _ => defaults.HostDelay.TotalSeconds, HelpName = "SECONDS" };
        var zone = TimeZoneOption();
        var checkpoint = new Option<double>("--checkpoint-interval") { Description = "Minutes between signed checkpoints of the ledger while running", DefaultValueFactory = _ => 60, HelpName = "MINUTES" };
        var chromium = CaptureCommand.ChromiumOption();
        var loopbackOnly = new Option<bool>("--loopback-only") { Description = "Resolve no host but localhost, so nothing leaves the machine (offline tests)" };
        var alwaysRender = CaptureCommand.AlwaysRenderOption();
        var screenshotFormat = CaptureCommand.ScreenshotFormatOption();
        var (confirmDelay, noConfirm) = CaptureCommand.ConfirmOptions();
        var (allowNetwork, maxBody) = CaptureCommand.LimitOptions();
        var (maxResource, maxPageResources) = CaptureCommand.ResourceCapOptions();
        var urls = ServeCommand.UrlsOption();
        var publicUrl = ServeCommand.PublicUrlOption();
        var logFormat = ServeCommand.LogFormatOption();
        var checkin = new Option<double>("--cluster-checkin") { Description = "Seconds between a node's check-ins with the cluster (PostgreSQL catalog only); a node silent for twice as long is taken as dead and its jobs recovered", DefaultValueFactory = _ => 7.5, HelpName = "SECONDS" };
        var noWeb = new Option<bool>("--no-web") { Description = "Capture only: do not serve the web archive (a worker behind another node's web)" };
        var command = new Command("run", "Run the archiver as a service: capture every document on its schedule, reload targets.json when it changes, and serve the web archive, until stopped (SIGTERM or Ctrl+C)" + WebhookSetup.HelpText)
        {
            concurrency, hostDelay, zone, checkpoint, chromium, loopbackOnly, urls, publicUrl, noWeb, checkin, alwaysRender, screenshotFormat, confirmDelay, noConfirm, allowNetwork, maxBody, maxResource, maxPageResources, logFormat,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var options = new CaptureOptions
            {
                Concurrency = context.Parse.GetValue(concurrency),
                HostDelay = TimeSpan.FromSeconds(context.Parse.GetValue(hostDelay)),
                LoopbackOnly = context.Parse.GetValue(loopbackOnly),
                AlwaysRender = context.Parse.GetValue(alwaysRender),
                ConfirmDelay = CaptureCommand.ConfirmDelay(context, confirmDelay, noConfirm),
                ScreenshotFormat = CaptureCommand.ScreenshotFormatOf(context, screenshotFormat),
            };
            if (context.Parse.GetValue(chromium) is { } path) options.ChromiumPath = path;
            CaptureCommand.ApplyLimits(context, options, allowNetwork, maxBody);
            CaptureCommand.ApplyResourceCaps(context, options, maxResource, maxPageResources);
            if (options.Concurrency < 1) throw new CliException(ExitCodes.BadInput, "--concurrency must be at least 1");
            if (options.HostDelay < TimeSpan.Zero) throw new CliException(ExitCodes.BadInput, "--host-delay cannot be negative");
            var minutes = context.Parse.GetValue(checkpoint);
            if (minutes <= 0) throw new CliException(ExitCodes.BadInput, "--checkpoint-interval must be positive");
            var schedule = new ScheduleOptions { TimeZone = context.Parse.GetValue(zone)!, CheckpointInterval = TimeSpan.FromMinutes(minutes) };
            ValidateZone(schedule.TimeZone);
            var jsonLogs = ServeCommand.JsonLogsOf(context, logFormat);

            var checkinInterval = TimeSpan.FromSeconds(context.Parse.GetValue(checkin));
            if (checkinInterval <= TimeSpan.Zero) throw new CliException(ExitCodes.BadInput, "--cluster-checkin must be positive");
            var targets = await context.LoadTargetsAsync(ct);
            var webhooks = WebhookSetup.Read(context);
            var lexicon = webhooks.Subscriptions.Count > 0 ? await TopicOptions.LoadAsync(context, ct) : null;
            var address = ServeCommand.PublicAddressOf(context, publicUrl);
            using var archive = await context.OpenArchiveAsync(ct);
            var start = context.Storage.SharedCatalog
                ? await LedgerStart.SinceLatestCheckpointAsync(archive.Catalog, ct)
                : await LedgerStart.ReadAsync(archive.Catalog, ct);
            // What a round interrupted earlier recorded is signed first, so no more than one round is ever uncovered.
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);
            await using var browser = new ChromiumBrowser(options);
            using var http = new HttpClient();
            var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;

            var web = !context.Parse.GetValue(noWeb);
            var state = new TargetsState(targets);
            // The web archive shares the host (and its shutdown) with the scheduler; a worker without it listens nowhere.
            IHostApplicationBuilder builder = web
                ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() })
                : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
            ServeCommand.ConfigureLogging(builder.Logging, jsonLogs);
            var reader = new ArchiveReader(archive, () => state.Current);
            if (builder is WebApplicationBuilder webBuilder) webBuilder.AddArchiveSite(reader, context.Parse.GetValue(urls)!, address);
            var services = builder.Services;
            services.AddSingleton(context.Time);
            services.AddSingleton(archive);
            services.AddSingleton(options);
            services.AddSingleton(schedule);
            services.AddSingleton(state);
            services.AddSingleton(ArchivistComposition.Create(archive, new Capturer(browser, options, context.Time), options, context.Time));
            services.AddSingleton(new Checkpointer(archive.Catalog, archive.Key, context.Time, tsa));
            services.AddSingleton(start);
            if (lexicon is not null)
            {
                services.AddSingleton(sp => WebhookSetup.Dispatcher(archive, reader, lexicon, webhooks, http, address.PublicUrl,
                    line => sp.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyArchiver.Webhooks").LogInformation("{Delivery}", line)));
                services.AddHostedService<Webhooks.WebhookService>();
            }
            var storage = context.Storage;
            var properties = new System.Collections.Specialized.NameValueCollection
            {
                // In-memory schedulers are registered by name process-wide: a run gets its own. Nodes of a
                // cluster share one name and tell themselves apart by an automatic instance id.
                ["quartz.scheduler.instanceName"] = storage.SharedCatalog ? "policyarchiver" : $"policyarchiver-{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}",
                ["quartz.scheduler.instanceId"] = "AUTO",
            };
            if (storage.SharedCatalog) await QuartzSchema.EnsureAsync(storage.CatalogConnectionString!, ct);
            services.AddQuartz(properties, q =>
            {
                if (storage.SharedCatalog)
                {
                    // The clustered ADO.NET job store on the catalog's PostgreSQL: each trigger fires on one
                    // node, and the jobs of a node that stops checking in are recovered by the others.
                    q.UsePersistentStore(s =>
                    {
                        s.UsePostgres(storage.CatalogConnectionString!);
                        s.UseSystemTextJsonSerializer();
                        s.UseClustering(c =>
                        {
                            c.CheckinInterval = checkinInterval;
                            c.CheckinMisfireThreshold = checkinInterval * 2;
                        });
                    });
                }
                else q.UseInMemoryStore();
                // Jobs beyond the capture bound wait on the politeness gate, not in Quartz's queue.
                q.UseDefaultThreadPool(options.Concurrency + 2);
            });
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<SchedulerService>(sp, Path.GetFullPath(context.TargetsFile)));
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));

            await context.Error.WriteLineAsync($"policyarchiver run: {targets.Documents.Count()} documents, archive {Path.GetFullPath(context.ArchiveDirectory)}; stop with Ctrl+C or SIGTERM");
            if (builder is WebApplicationBuilder site)
            {
                await using var app = site.Build();
                app.MapArchiveSite();
                await ServeCommand.StartAsync(context, app, ct);
                await app.WaitForShutdownAsync(ct);
            }
            else
            {
                using var host = ((HostApplicationBuilder)builder).Build();
                await host.RunAsync(ct);
            }
            // Every job has finished or been abandoned: what was captured since the last checkpoint is signed now.
            await CaptureCommand.CheckpointAsync(context, archive, start, CancellationToken.None);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static void ValidateZone(string zone)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new CliException(ExitCodes.BadInput, $"--time-zone {zone}: unknown time zone (use an IANA name such as Asia/Almaty)");
        }
    }
}
