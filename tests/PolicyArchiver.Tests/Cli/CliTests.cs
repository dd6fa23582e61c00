using System.Globalization;
using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Cli;

/// <summary>The command-line contract that scripts depend on, run against real captures.</summary>
public class CliTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly string[] Capture = ["capture", "--loopback-only", "--only"];

    [Fact]
    public async Task Capture_history_observations_show_and_diff_follow_the_contract()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        const string doc = "testbank/privacy-policy-ru";

        var first = await Support.Cli.RunAsync(temp, [.. Capture, doc, "--json"]);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"[1/1] {doc}: ok, new version 1", first.Error);
        var observation = Assert.Single(JsonDocument.Parse(first.Out).RootElement.EnumerateArray());
        Assert.Equal("ok", observation.GetProperty("outcome").GetString());
        Assert.True(observation.GetProperty("newVersion").GetBoolean());

        Assert.Equal(0, (await Support.Cli.RunAsync(temp, [.. Capture, doc])).ExitCode);
        tenant.Phase = "v2";
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, [.. Capture, doc])).ExitCode);

        var history = await Support.Cli.RunAsync(temp, "history", doc, "--json");
        Assert.Equal(0, history.ExitCode);
        var versions = JsonDocument.Parse(history.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        foreach (var v in versions)
        {
            Assert.EndsWith("Z", v.GetProperty("capturedAt").GetString());
            Assert.Equal(64, v.GetProperty("textSha256").GetString()!.Length);
            Assert.Equal(64, v.GetProperty("snapshotSha256").GetString()!.Length);
        }
        Assert.Equal((2, 2), (versions[1].GetProperty("added").GetInt32(), versions[1].GetProperty("removed").GetInt32()));

        var observations = await Support.Cli.RunAsync(temp, "observations", doc, "--json");
        var list = JsonDocument.Parse(observations.Out).RootElement.EnumerateArray().ToList();
        // The edit was fetched twice before it was recorded: the second fetch is an observation too.
        Assert.Equal([true, false, true, false], list.Select(o => o.GetProperty("newVersion").GetBoolean()));
        Assert.StartsWith("second fetch confirming", list[3].GetProperty("detail").GetString());
        Assert.All(list, o =>
        {
            Assert.Equal("ok", o.GetProperty("outcome").GetString());
            Assert.Equal(200, o.GetProperty("httpStatus").GetInt32());
            Assert.EndsWith("/ru/privacy", o.GetProperty("url").GetString());
            Assert.EndsWith("/ru/privacy", o.GetProperty("finalUrl").GetString());
            Assert.Equal(64, o.GetProperty("snapshotSha256").GetString()!.Length);
            Assert.NotNull(o.GetProperty("at").GetString());
        });

        // show --at: nothing before the first capture, v1 between the captures, v2 after.
        var at1 = DateTimeOffset.Parse(versions[0].GetProperty("capturedAt").GetString()!, CultureInfo.InvariantCulture);
        var at2 = DateTimeOffset.Parse(versions[1].GetProperty("capturedAt").GetString()!, CultureInfo.InvariantCulture);
        var before = await Support.Cli.RunAsync(temp, "show", doc, "--at", at1.AddSeconds(-1).ToString("O"));
        Assert.Equal(ExitCodes.Nothing, before.ExitCode);
        Assert.Contains("no version", before.Error);
        Assert.Equal("", before.Out);
        var between = await Support.Cli.RunAsync(temp, "show", doc, "--at", (at1 + (at2 - at1) / 2).ToString("O"));
        Assert.Contains("составляет 3 года", between.Out);
        var after = await Support.Cli.RunAsync(temp, "show", doc, "--at", at2.ToString("O"));
        Assert.Contains("составляет 5 лет", after.Out);
        Assert.Equal(after.Out, (await Support.Cli.RunAsync(temp, "show", doc)).Out);
        Assert.Equal(between.Out, (await Support.Cli.RunAsync(temp, "show", doc, "--version", "1")).Out);

        var diff = await Support.Cli.RunAsync(temp, "diff", doc);
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("-5.2. Срок хранения персональных данных составляет 3 года", diff.Out);
        Assert.Contains("+5.2. Срок хранения персональных данных составляет 5 лет", diff.Out);
        Assert.Contains("+6.4. Банк вправе передавать", diff.Out);
        Assert.Equal(diff.Out, (await Support.Cli.RunAsync(temp, "diff", doc, "--from", "1", "--to", "2")).Out);
        Assert.Contains("[-3-]{+5+} [-года-]{+лет+}", (await Support.Cli.RunAsync(temp, "diff", doc, "--words")).Out);

        var changes = await Support.Cli.RunAsync(temp, "changes", "--json");
        var change = Assert.Single(JsonDocument.Parse(changes.Out).RootElement.EnumerateArray());
        Assert.Equal(doc, change.GetProperty("document").GetString());
        Assert.Equal(2, change.GetProperty("toVersion").GetInt32());
    }

    [Fact]
    public async Task Unreachable_documents_are_observations_and_capture_still_exits_0()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var result = await Support.Cli.RunAsync(temp, [.. Capture, "testbank/cookie-policy-ru", "--json"]);
        Assert.Equal(0, result.ExitCode);
        var o = Assert.Single(JsonDocument.Parse(result.Out).RootElement.EnumerateArray());
        Assert.Equal("not-found", o.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("snapshotSha256").ValueKind);
        Assert.False(o.GetProperty("newVersion").GetBoolean());

        var show = await Support.Cli.RunAsync(temp, "show", "testbank/cookie-policy-ru");
        Assert.Equal(ExitCodes.Nothing, show.ExitCode);
        var diff = await Support.Cli.RunAsync(temp, "diff", "testbank/cookie-policy-ru");
        Assert.Equal(ExitCodes.Nothing, diff.ExitCode);
    }

    [Fact]
    public async Task Bad_input_is_exit_2_with_a_message_that_names_it()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);

        var unknown = await Support.Cli.RunAsync(temp, "history", "testbank/nope");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("unknown document \"testbank/nope\"", unknown.Error);

        var malformed = await Support.Cli.RunAsync(temp, "show", "testbank");
        Assert.Equal(ExitCodes.BadInput, malformed.ExitCode);
        Assert.Contains("COMPANY/DOCUMENT", malformed.Error);

        var badAt = await Support.Cli.RunAsync(temp, "show", "testbank/privacy-policy-ru", "--at", "last tuesday");
        Assert.Equal(ExitCodes.BadInput, badAt.ExitCode);
        Assert.Contains("--at \"last tuesday\"", badAt.Error);

        var only = await Support.Cli.RunAsync(temp, "capture", "--only", "nobody");
        Assert.Equal(ExitCodes.BadInput, only.ExitCode);
        Assert.Contains("--only nobody", only.Error);

        await File.WriteAllTextAsync(temp.TargetsFile, """{"companies":[{"id":"x","name":"X","sector":"fintech","homepage":"https://x.kz/","documents":[{"id":"a","type":"privacy-policy","language":"ru","url":"not a url"}]}]}""");
        var invalid = await Support.Cli.RunAsync(temp, "validate");
        Assert.Equal(ExitCodes.BadInput, invalid.ExitCode);
        Assert.Contains("$.companies[0].documents[0].url: not an absolute http(s) URL", invalid.Error);
        var capture = await Support.Cli.RunAsync(temp, "capture");
        Assert.Equal(ExitCodes.BadInput, capture.ExitCode);
    }

    [Fact]
    public async Task Capture_limits_that_make_no_sense_are_exit_2_naming_the_option()
    {
        using var temp = await TempArchive.CreateAsync(chromium.Site.NewTenant());
        var network = await Support.Cli.RunAsync(temp, "capture", "--allow-network", "10.0.0.0/8", "--allow-network", "intranet");
        Assert.Equal(ExitCodes.BadInput, network.ExitCode);
        Assert.Contains("--allow-network intranet: not a network in CIDR notation", network.Error);
        var size = await Support.Cli.RunAsync(temp, "run", "--max-body-mb", "0");
        Assert.Equal(ExitCodes.BadInput, size.ExitCode);
        Assert.Contains("--max-body-mb must be more than 0", size.Error);
        foreach (var command in new[] { "capture", "run", "demo" })
        {
            var format = await Support.Cli.RunAsync(temp, command, "--screenshot-format", "webp");
            Assert.Equal(ExitCodes.BadInput, format.ExitCode);
            Assert.Contains("--screenshot-format \"webp\": expected pdf, png, jpeg", format.Error);
        }
    }

    [Fact]
    public async Task Validate_summarises_a_valid_file()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var result = await Support.Cli.RunAsync(temp, "validate");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid — 1 companies, 12 documents", result.Out);
    }

    [Fact]
    public async Task Demo_archives_the_bundled_site_and_prints_its_change_registry()
    {
        var dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
        var result = await Support.Cli.RunAsync("demo", "--out", dir);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Round 2: nothing changed", result.Out);
        Assert.Contains("7 documents captured: 7 ok; 0 new version(s)", result.Out);
        Assert.Contains("7 documents captured: 7 ok; 3 new version(s)", result.Out);
        Assert.Contains("qazaqpay/privacy-policy-ru: 2 version(s)", result.Out);
        Assert.Contains("+4.3. Компания вправе передавать сведения о клиенте", result.Out);
        Assert.Contains("-5.3. Об изменении тарифов Абонент уведомляется за 30 календарных дней.", result.Out);

        var again = await Support.Cli.RunAsync("demo", "--out", dir);
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
    }
}
