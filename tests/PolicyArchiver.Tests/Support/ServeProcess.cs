using System.Collections.Concurrent;
using System.Diagnostics;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// The built <c>policyarchiver</c> executable run as its own process, as a container runs it: its
/// console logs are the process's standard output, which an in-process run would share with the tests.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    public ConcurrentQueue<string> Out { get; } = new();
    public ConcurrentQueue<string> Error { get; } = new();
    public string BaseUrl { get; }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "policyarchiver");

    private ServeProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>Starts the program with these arguments and environment, and waits until <paramref name="baseUrl"/>/healthz answers.</summary>
    public static async Task<ServeProcess> StartAsync(string baseUrl, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var serve = new ServeProcess(Process.Start(start)!, baseUrl);
        serve._process.OutputDataReceived += (_, e) => { if (e.Data is not null) serve.Out.Enqueue(e.Data); };
        serve._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) serve.Error.Enqueue(e.Data); };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        using var http = new HttpClient();
        await Eventually.WaitAsync(async () =>
        {
            if (serve._process.HasExited) throw new InvalidOperationException($"policyarchiver exited with {serve._process.ExitCode}: {string.Join("\n", serve.Error)}");
            try
            {
                return (await http.GetAsync(baseUrl + "/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "policyarchiver answering /healthz");
        return serve;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // As Docker stops a container: SIGTERM, then a kill if it does not end.
            Signals.Terminate(_process);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
