using System.Net;
using System.Net.Sockets;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary><c>policyarchiver serve</c>: the web archive on its own, read-only.</summary>
[Collection(WebArchiveFixture.Collection)]
public class ServeTests(WebArchiveFixture web)
{
    [Fact]
    public async Task Serve_answers_from_the_archive_until_stopped()
    {
        var site = $"http://127.0.0.1:{Ports.Free()}";
        using var stop = new CancellationTokenSource();
        var serve = Support.Cli.RunAsync(["serve", "--urls", site, "--archive", web.Temp.ArchiveDirectory, "--targets", web.Temp.TargetsFile], stop.Token);
        using var http = new HttpClient();
        string? home = null;
        await Eventually.WaitAsync(async () =>
        {
            try
            {
                home = await http.GetStringAsync(site + "/");
                return true;
            }
            catch (HttpRequestException)
            {
                return serve.IsCompleted ? throw new InvalidOperationException("serve ended: " + (await serve).Error) : false;
            }
        }, "serve listening");
        Assert.Contains("ТОО «Тестовый Банк»", home);
        stop.Cancel();
        var result = await serve;
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"web archive on {site}", result.Error);
    }

    [Fact]
    public async Task Serve_without_an_archive_or_with_a_taken_port_says_so()
    {
        var missing = await Support.Cli.RunAsync("serve", "--urls", $"http://127.0.0.1:{Ports.Free()}", "--archive", Path.Combine(web.Temp.Directory, "no-such-archive"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no archive at", missing.Error);

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var busy = await Support.Cli.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--archive", web.Temp.ArchiveDirectory, "--targets", web.Temp.TargetsFile);
        Assert.Equal(1, busy.ExitCode);
        Assert.Contains("cannot listen", busy.Error);
    }
}
