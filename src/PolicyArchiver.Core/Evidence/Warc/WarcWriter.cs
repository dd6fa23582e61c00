using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// Appends records to per-day WARC files, <c>warc/YYYY/MM/DD/&lt;name&gt;.warc.gz</c>, each record
/// its own gzip member so any record can be read from its offset. A writer never appends to a file
/// it did not create: after a restart or a failed write it starts a new file (with its own
/// warcinfo record), so a tail cut short by a crash is never built upon.
/// </summary>
public sealed class WarcWriter(string archiveDirectory, TimeProvider time) : IDisposable
{
    public const string Software = "PolicyArchiver";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _file;
    private string? _relativePath;
    private DateOnly _day;

    /// <summary>
    /// Writes the records, in order, to the current file and flushes them to disk before returning
    /// their locations. The first record of a new file is its warcinfo record, returned first.
    /// </summary>
    public async Task<IReadOnlyList<WarcRecordLocation>> WriteAsync(IReadOnlyList<(WarcRecord Record, string Role)> records, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var locations = new List<WarcRecordLocation>();
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            if (_file is null || today != _day) locations.Add(await OpenAsync(today, ct));
            try
            {
                foreach (var (record, role) in records) locations.Add(await AppendAsync(record, role, ct));
                await _file!.FlushAsync(ct);
                _file.Flush(flushToDisk: true);
            }
            catch
            {
                // What reached the file may be partial: leave it as it is and continue in a new file.
                Close();
                throw;
            }
            return locations;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WarcRecordLocation> OpenAsync(DateOnly day, CancellationToken ct)
    {
        Close();
        var folder = Path.Combine("warc", day.Year.ToString("D4", CultureInfo.InvariantCulture), day.Month.ToString("D2", CultureInfo.InvariantCulture), day.Day.ToString("D2", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(archiveDirectory, folder));
        var name = $"policyarchiver-{time.GetUtcNow().UtcDateTime:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.warc.gz";
        _relativePath = $"{folder.Replace('\\', '/')}/{name}";
        _file = new FileStream(Path.Combine(archiveDirectory, _relativePath), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 65536, FileOptions.Asynchronous);
        _day = day;
        return await AppendAsync(WarcInfo(name), "warcinfo", ct);
    }

    private WarcRecord WarcInfo(string fileName)
    {
        var fields = $"software: {Software}/{typeof(WarcWriter).Assembly.GetName().Version}\r\nformat: WARC File Format 1.1\r\n" +
                     "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n" +
                     "description: Captures of companies' public policy documents (terms, privacy policies, user agreements)\r\n";
        var block = Encoding.UTF8.GetBytes(fields);
        return new WarcRecord { Block = block }
            .Add("WARC-Type", "warcinfo")
            .Add("WARC-Date", WarcRecord.Date(time.GetUtcNow()))
            .Add("WARC-Record-ID", WarcRecord.NewRecordId())
            .Add("WARC-Filename", fileName)
            .Add("Content-Type", "application/warc-fields")
            .Add("WARC-Block-Digest", WarcDigest.Of(block));
    }

    private async Task<WarcRecordLocation> AppendAsync(WarcRecord record, string role, CancellationToken ct)
    {
        var member = Gzip(record.Serialize());
        var offset = _file!.Position;
        await _file.WriteAsync(member, ct);
        return new WarcRecordLocation(record.RecordId, record.Type, role, record["WARC-Target-URI"] ?? "",
            WarcRecord.ParseDate(record["WARC-Date"]!), _relativePath!, offset, member.Length,
            record["WARC-Block-Digest"]!, record["WARC-Payload-Digest"]);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    private void Close()
    {
        _file?.Dispose();
        _file = null;
    }

    public void Dispose()
    {
        Close();
        _gate.Dispose();
    }
}
