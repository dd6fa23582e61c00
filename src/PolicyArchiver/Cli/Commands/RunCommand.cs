using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Scheduling;
using Quartz;

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
        var command = new Command("run", "Run the archiver as a service: capture every document on its schedule, reload targets.json when it changes, until stopped (SIGTERM or Ctrl+C)")
        {
            concurrency, hostDelay, zone, checkpoint, chromium, loopbackOnly,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var options = new CaptureOptions
            {
                Concurrency = context.Parse.GetValue(concurrency),
                HostDelay = TimeSpan.FromSeconds(context.Parse.GetValue(hostDelay)),
                LoopbackOnly = context.Parse.GetValue(loopbackOnly),
            };
            if (context.Parse.GetValue(chromium) is { } path) options.ChromiumPath = path;
            if (options.Concurrency < 1) throw new CliException(ExitCodes.BadInput, "--concurrency must be at least 1");
            if (options.HostDelay < TimeSpan.Zero) throw new CliException(ExitCodes.BadInput, "--host-delay cannot be negative");
            var minutes = context.Parse.GetValue(checkpoint);
            if (minutes <= 0) throw new CliException(ExitCodes.BadInput, "--checkpoint-interval must be positive");
            var schedule = new ScheduleOptions { TimeZone = context.Parse.GetValue(zone)!, CheckpointInterval = TimeSpan.FromMinutes(minutes) };
            ValidateZone(schedule.TimeZone);

            var targets = await context.LoadTargetsAsync(ct);
            using var archive = await context.OpenArchiveAsync(ct);
            await using var browser = new ChromiumBrowser(options);
            using var http = new HttpClient();
            var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
            });
            builder.Logging.AddFilter("Quartz", LogLevel.Warning);
            var services = builder.Services;
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(archive);
            services.AddSingleton(options);
            services.AddSingleton(schedule);
            services.AddSingleton(new TargetsState(targets));
            services.AddSingleton(new Archivist(archive, new Capturer(browser, options, TimeProvider.System), options, TimeProvider.System));
            services.AddSingleton(new Checkpointer(archive.Catalog, archive.Key, TimeProvider.System, tsa));
            // In-memory schedulers are registered by name process-wide; a run gets its own.
            var properties = new System.Collections.Specialized.NameValueCollection
            {
                ["quartz.scheduler.instanceName"] = $"policyarchiver-{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}",
            };
            services.AddQuartz(properties, q =>
            {
                q.UseInMemoryStore();
                // Jobs beyond the capture bound wait on the politeness gate, not in Quartz's queue.
                q.UseDefaultThreadPool(options.Concurrency + 2);
            });
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<SchedulerService>(sp, Path.GetFullPath(context.TargetsFile)));
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));

            using var host = builder.Build();
            await context.Error.WriteLineAsync($"policyarchiver run: {targets.Documents.Count()} documents, archive {Path.GetFullPath(context.ArchiveDirectory)}; stop with Ctrl+C or SIGTERM");
            await host.RunAsync(ct);
            // Every job has finished or been abandoned: what was captured since the last checkpoint is signed now.
            await CaptureCommand.CheckpointAsync(context, archive, CancellationToken.None);
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
