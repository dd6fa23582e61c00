using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Operations;

/// <summary>
/// The container image, checked without Docker (which cannot run here): what docker/Dockerfile and
/// docker/docker-compose.yml say, and the image's own commands run against the built CLI.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public partial class ContainerImageTests(WebArchiveFixture web)
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "docker", "Dockerfile"));
    private static readonly string[] Compose = File.ReadAllLines(Path.Combine(Repository.Root, "docker", "docker-compose.yml"));

    /// <summary>The instructions of the Dockerfile, continuation lines joined and comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> Instructions()
    {
        var joined = Regex.Replace(string.Join("\n", Dockerfile.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))), @"\\\n", " ");
        return joined.Split('\n').Where(l => l.Trim().Length > 0)
            .Select(l => l.Trim().Split(' ', 2))
            .Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
    }

    /// <summary>The instructions of the stage that becomes the image: from the last FROM on.</summary>
    private static List<(string Keyword, string Arguments)> FinalStage()
    {
        var all = Instructions();
        return all.Skip(all.FindLastIndex(i => i.Keyword == "FROM")).ToList();
    }

    [Fact]
    public void The_image_is_Debian_with_its_Chromium_not_Ubuntus_snap_wrapper()
    {
        var stage = FinalStage();
        Assert.Equal("debian:bookworm-slim", stage[0].Arguments);
        var installs = string.Join(" ", stage.Where(i => i.Keyword == "RUN").Select(i => i.Arguments));
        foreach (var package in new[] { "chromium", "tesseract-ocr-kaz", "tesseract-ocr-rus", "tesseract-ocr-eng", "fonts-dejavu-core", "fonts-noto-core", "libicu72" })
            Assert.Matches($@"apt-get install[^&]*\s{Regex.Escape(package)}(\s|$)", installs);
        Assert.DoesNotContain("snap", installs);
        // The runtime comes from Microsoft's image by copy only: nothing runs on that Ubuntu stage.
        Assert.Contains(stage, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=runtime /usr/share/dotnet", StringComparison.Ordinal));
        var runtimeStage = Instructions().SkipWhile(i => !(i.Keyword == "FROM" && i.Arguments.EndsWith(" AS runtime", StringComparison.Ordinal))).Skip(1).TakeWhile(i => i.Keyword != "FROM");
        Assert.Empty(runtimeStage);
    }

    [Fact]
    public void The_image_runs_as_uid_10001_which_owns_data()
    {
        var stage = FinalStage();
        var user = Assert.Single(stage, i => i.Keyword == "USER").Arguments;
        Assert.Equal("10001", user);
        Assert.Contains(stage, i => i.Keyword == "RUN" && i.Arguments.Contains("--uid 10001") && i.Arguments.Contains("chown -R 10001:10001 /data"));
        // USER comes before the entrypoint, so nothing the image starts runs as root.
        Assert.True(stage.FindIndex(i => i.Keyword == "USER") < stage.FindIndex(i => i.Keyword == "ENTRYPOINT"));
    }

    [Fact]
    public void The_image_keeps_its_environment_contract()
    {
        var env = string.Join(" ", FinalStage().Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("POLICYARCHIVER_ARCHIVE=/data/archive", env);
        Assert.Contains("POLICYARCHIVER_TARGETS=/data/targets.json", env);
        Assert.Contains("POLICYARCHIVER_CHROMIUM=/usr/bin/chromium", env);
        Assert.Equal(["/app/policyarchiver"], ExecForm(Assert.Single(FinalStage(), i => i.Keyword == "ENTRYPOINT").Arguments));
        // The usage lines stay at the top of the file.
        Assert.StartsWith("# PolicyArchiver in a container", Dockerfile);
        Assert.Contains("docker build -f docker/Dockerfile -t policyarchiver .", Dockerfile.Split("\nFROM ")[0]);
    }

    [Fact]
    public void The_image_health_check_asks_readyz_on_the_exposed_port()
    {
        var stage = FinalStage();
        var healthcheck = Assert.Single(stage, i => i.Keyword == "HEALTHCHECK").Arguments;
        var command = HealthCheckCommand(healthcheck);
        Assert.Equal(["/app/policyarchiver", "health", "--url"], command[..3]);
        var url = new Uri(command[3]);
        Assert.Equal("/readyz", url.AbsolutePath);
        Assert.Equal(Assert.Single(stage, i => i.Keyword == "EXPOSE").Arguments, url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("curl", Dockerfile.Replace("no curl", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_compose_service_has_a_health_check_and_waits_for_healthy_dependencies()
    {
        var services = ComposeServices();
        Assert.Equal(["postgres", "azurite", "worker-1", "worker-2", "web"], services.Keys);
        var anchors = ComposeBlocks(0).Where(b => b.Key.StartsWith("x-", StringComparison.Ordinal))
            .ToDictionary(b => Regex.Match(b.Value[0], @"&(\S+)").Groups[1].Value, b => b.Value);
        foreach (var (name, block) in services)
        {
            // A service's own lines, then those of the anchor it merges (its own keys take precedence).
            var lines = block.ToList();
            if (lines.Select(l => Regex.Match(l, @"<<: \*(\S+)")).FirstOrDefault(m => m.Success) is { } merge) lines.AddRange(anchors[merge.Groups[1].Value]);
            Assert.True(lines.Any(l => l.Trim() == "healthcheck:"), $"{name} has no healthcheck");
            var conditions = lines.Where(l => l.Trim().StartsWith("condition:", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
            Assert.All(conditions, c => Assert.Equal("condition: service_healthy", c));
        }
        Assert.Contains(services["web"], l => l.Trim() == "worker-1:");
        // The workers answer the health check on their own loopback, not to the world.
        foreach (var worker in new[] { "worker-1", "worker-2" })
            Assert.Contains(services[worker], l => l.Contains("\"run\", \"--urls\", \"http://127.0.0.1:5080\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// What the container does, done here: the image's entrypoint and environment with the web
    /// service's command start serve, and the image's HEALTHCHECK command, run as the built executable,
    /// passes against it and fails against nothing.
    /// </summary>
    [Fact]
    public async Task The_images_entrypoint_serves_the_archive_and_its_health_check_passes()
    {
        var stage = FinalStage();
        var entrypoint = ExecForm(Assert.Single(stage, i => i.Keyword == "ENTRYPOINT").Arguments);
        var webCommand = ExecForm(Regex.Match(string.Join("\n", ComposeServices()["web"]), @"command: (\[.*\])").Groups[1].Value);
        Assert.Equal(["serve", "--urls", "http://0.0.0.0:5080"], webCommand);
        var port = Ports.Free();
        var site = $"http://127.0.0.1:{port}";
        // Loopback instead of every interface, and a free port: the rest is the image's own command line.
        string[] args = [.. entrypoint.Skip(1), webCommand[0], webCommand[1], site];
        var environment = new Dictionary<string, string>
        {
            // What the image's ENV names, pointed at this machine's archive.
            ["POLICYARCHIVER_ARCHIVE"] = web.Temp.ArchiveDirectory,
            ["POLICYARCHIVER_TARGETS"] = web.Temp.TargetsFile,
        };
        await using var serve = await ServeProcess.StartAsync(site, args, environment);
        using (var http = new HttpClient())
            Assert.Contains("ТОО «Тестовый Банк»", await http.GetStringAsync(site + "/"));

        var healthcheck = HealthCheckCommand(Assert.Single(stage, i => i.Keyword == "HEALTHCHECK").Arguments);
        var url = new UriBuilder(healthcheck[3]) { Port = port }.Uri.ToString();
        var healthy = await Repository.RunAsync(ServeProcess.Executable, web.Temp.Directory, [.. healthcheck[1..3], url]);
        Assert.True(healthy.ExitCode == 0, healthy.Error);
        Assert.Contains("200 {\"status\":\"ready\"", healthy.Out);

        var nothing = new UriBuilder(healthcheck[3]) { Port = Ports.Closed() }.Uri.ToString();
        var down = await Repository.RunAsync(ServeProcess.Executable, web.Temp.Directory, [.. healthcheck[1..3], nothing]);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("does not answer", down.Error);
    }

    /// <summary>The exec form of HEALTHCHECK: options, then <c>CMD ["…", …]</c>.</summary>
    private static string[] HealthCheckCommand(string arguments)
    {
        var match = Regex.Match(arguments, @"CMD (\[.*\])$");
        Assert.True(match.Success, $"HEALTHCHECK is not in exec form: {arguments}");
        return ExecForm(match.Groups[1].Value);
    }

    private static string[] ExecForm(string json) => JsonSerializer.Deserialize<string[]>(json)!;

    /// <summary>Top-level (indent 0) or service-level (indent 2) blocks of the compose file: key, then its lines.</summary>
    private static Dictionary<string, List<string>> ComposeBlocks(int indent, IEnumerable<string>? lines = null)
    {
        var blocks = new Dictionary<string, List<string>>();
        List<string>? current = null;
        var prefix = new string(' ', indent);
        foreach (var line in lines ?? Compose)
        {
            if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0) continue;
            if (line.StartsWith(prefix, StringComparison.Ordinal) && line.Length > indent && line[indent] != ' ' && line.Contains(':'))
                blocks[line[indent..line.IndexOf(':')]] = current = [line];
            else current?.Add(line);
        }
        return blocks;
    }

    private static Dictionary<string, List<string>> ComposeServices() =>
        ComposeBlocks(2, ComposeBlocks(0)["services"].Skip(1));
}
