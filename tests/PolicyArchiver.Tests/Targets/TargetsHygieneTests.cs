using System.Text;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Tests.Targets;

/// <summary>What targets.json may not be: another encoding, huge ids, credentials in URLs, a huge file.</summary>
public class TargetsHygieneTests
{
    static TargetsHygieneTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Valid = """
        {"companies":[{"id":"halyk","name":"Народный банк","sector":"bank","homepage":"https://halykbank.kz/",
          "documents":[{"id":"privacy-policy-ru","type":"privacy-policy","language":"ru","url":"https://halykbank.kz/privacy"}]}]}
        """;

    private static async Task<TargetsException> LoadFailsAsync(byte[] bytes)
    {
        var file = Path.Combine(Path.GetTempPath(), $"targets-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            return await Assert.ThrowsAsync<TargetsException>(() => TargetsLoader.LoadAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_file_saved_in_Windows_1251_is_refused_naming_the_byte_offset()
    {
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(Valid);
        var error = await LoadFailsAsync(bytes);
        var offset = Valid.IndexOf('Н', StringComparison.Ordinal);
        Assert.Equal($"$: not UTF-8: byte 0x{bytes[offset]:X2} at offset {offset} is not valid UTF-8 (another encoding, such as Windows-1251?); save the file as UTF-8",
            Assert.Single(error.Errors));
    }

    [Fact]
    public async Task UTF_8_with_a_byte_order_mark_loads_and_UTF_16_is_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"targets-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Valid)]);
        Assert.Equal("Народный банк", Assert.Single((await TargetsLoader.LoadAsync(file)).Companies).Name);
        File.Delete(file);
        Assert.Contains("UTF-16", Assert.Single((await LoadFailsAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Valid)).ToArray())).Errors));
    }

    [Fact]
    public void A_huge_id_is_refused_with_its_length()
    {
        var error = Assert.Throws<TargetsException>(() => TargetsLoader.Parse(Valid.Replace("\"halyk\"", $"\"{new string('a', 100_000)}\"")));
        Assert.Equal($"$.companies[0].id: 100000 characters long (\"{new string('a', 20)}…\"); an id has at most {TargetsLoader.MaxIdLength}", Assert.Single(error.Errors));
    }

    [Fact]
    public void Urls_with_credentials_are_refused_wherever_they_are()
    {
        var error = Assert.Throws<TargetsException>(() => TargetsLoader.Parse(Valid
            .Replace("https://halykbank.kz/privacy", "https://user:secret@halykbank.kz/privacy")
            .Replace("\"https://halykbank.kz/\"", "\"https://admin@halykbank.kz/\"")));
        Assert.Equal(
            [
                "$.companies[0].documents[0].url: must not carry credentials (user:password@); the archive captures public pages",
                "$.companies[0].homepage: must not carry credentials (user:password@); the archive captures public pages",
            ],
            error.Errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid + new string(' ', (int)TargetsLoader.MaxFileBytes));
        Assert.StartsWith($"$: the file is {bytes.Length:N0} bytes", Assert.Single((await LoadFailsAsync(bytes)).Errors));
    }
}
