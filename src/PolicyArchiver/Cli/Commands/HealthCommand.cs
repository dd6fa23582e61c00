using System.CommandLine;
using PolicyArchiver.Web;

namespace PolicyArchiver.Cli.Commands;

/// <summary>
/// <c>policyarchiver health</c>: asks a running web archive whether it is ready, for a container's
/// HEALTHCHECK. The image then needs no curl or wget (one tool less to patch), and the check
/// speaks the same HTTP the site does.
/// </summary>
internal static class HealthCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080" + HealthEndpoints.Readiness;

    /// <summary>Under Docker's default 30 s: a hung site is reported by us, with a reason, not killed by the prober.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    public static Command Create(Handler handler)
    {
        var url = new Option<string>("--url")
        {
            Description = $"What to ask (env POLICYARCHIVER_HEALTH_URL; default {DefaultUrl}; {HealthEndpoints.Liveness} asks only whether the process answers)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POLICYARCHIVER_HEALTH_URL") is { Length: > 0 } env ? env : DefaultUrl,
            HelpName = "URL",
        };
        var command = new Command("health", "Ask a running web archive (serve, run) whether it is ready; exit 0 if it answers 2xx, 1 otherwise (a container's HEALTHCHECK)")
        {
            url,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var address = context.Parse.GetValue(url)!;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CliException(ExitCodes.BadInput, $"--url \"{address}\": not an absolute http(s) URL");
            using var http = new HttpClient { Timeout = Timeout };
            try
            {
                using var response = await http.GetAsync(uri, ct);
                var body = (await response.Content.ReadAsStringAsync(ct)).Trim();
                await (response.IsSuccessStatusCode ? context.Out : context.Error).WriteLineAsync($"{(int)response.StatusCode} {body}");
                return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failure;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                await context.Error.WriteLineAsync($"policyarchiver: {uri} does not answer: {e.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }
}
