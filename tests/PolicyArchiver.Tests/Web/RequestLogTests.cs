using System.Text.Json;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>Console logs of <c>serve</c>: a line per request, as text by default and as JSON on request.</summary>
[Collection(WebArchiveFixture.Collection)]
public class RequestLogTests(WebArchiveFixture web)
{
    private string[] Serve(string site, params string[] more) =>
        ["serve", "--urls", site, "--archive", web.Temp.ArchiveDirectory, "--targets", web.Temp.TargetsFile, .. more];

    [Fact]
    public async Task With_log_format_json_every_line_is_one_JSON_object_and_each_request_has_its_fields()
    {
        var site = $"http://127.0.0.1:{Ports.Free()}";
        await using var serve = await ServeProcess.StartAsync(site, Serve(site, "--log-format", "json"));
        using var http = new HttpClient();
        (await http.GetAsync(site + "/changes?company=testbank&token=secret")).EnsureSuccessStatusCode();
        (await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, site + "/site.css"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => Task.FromResult(serve.Out.Count(l => l.Contains("PolicyArchiver.Web.Requests", StringComparison.Ordinal)) >= 2), "two request lines");

        var requests = new List<JsonElement>();
        foreach (var line in serve.Out.Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line); // throws on anything that is not one whole JSON object
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            if (json.RootElement.GetProperty("Category").GetString() == "PolicyArchiver.Web.Requests") requests.Add(json.RootElement.Clone());
        }
        var changes = Assert.Single(requests, r => r.GetProperty("State").GetProperty("Path").GetString() == "/changes");
        Assert.Equal("Information", changes.GetProperty("LogLevel").GetString());
        Assert.Equal("GET", changes.GetProperty("State").GetProperty("Method").GetString());
        Assert.Equal(200, changes.GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.True(changes.GetProperty("State").GetProperty("DurationMs").GetDouble() >= 0);
        Assert.DoesNotContain("secret", string.Join("\n", serve.Out));
        var css = Assert.Single(requests, r => r.GetProperty("State").GetProperty("Path").GetString() == "/site.css");
        Assert.Equal("HEAD", css.GetProperty("State").GetProperty("Method").GetString());
    }

    [Fact]
    public async Task By_default_each_request_is_one_readable_line_with_method_path_status_and_duration()
    {
        var site = $"http://127.0.0.1:{Ports.Free()}";
        await using var serve = await ServeProcess.StartAsync(site, Serve(site));
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(site + "/no-such-page")).StatusCode);
        await Eventually.WaitAsync(() => Task.FromResult(serve.Out.Any(l => l.Contains("GET /no-such-page 404 ", StringComparison.Ordinal))), "the request's line");
        var line = serve.Out.First(l => l.Contains("GET /no-such-page 404 ", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ info: PolicyArchiver\.Web\.Requests\[1\] GET /no-such-page 404 \d+\.\d ms$", line);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(line));
    }

    [Fact]
    public async Task An_unknown_log_format_is_refused_with_exit_2()
    {
        var result = await Support.Cli.RunAsync(Serve($"http://127.0.0.1:{Ports.Free()}", "--log-format", "xml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PolicyArchiver:Logging:Format (--log-format): \"xml\" is not text or json", result.Error);
        var run = await Support.Cli.RunAsync(["run", "--log-format", "xml", "--urls", $"http://127.0.0.1:{Ports.Free()}", "--archive", web.Temp.ArchiveDirectory, "--targets", web.Temp.TargetsFile]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not text or json", run.Error);
    }
}
