namespace PolicyArchiver.Capture;

/// <summary>
/// A read-only view of a network stream that ends after <c>cap</c> bytes and tells whether the
/// server had more to send: a body is never read past the cap, however much the server sends.
/// </summary>
internal sealed class CappedStream(Stream inner, long cap) : Stream
{
    private long _read;

    /// <summary>The server sent more than the cap.</summary>
    public bool Exceeded { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (Exceeded || buffer.IsEmpty) return 0;
        // One byte beyond the cap is asked for, to learn whether there is more.
        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, cap - _read + 1)], ct);
        return Counted(n);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Exceeded || count == 0) return 0;
        return Counted(inner.Read(buffer, offset, (int)Math.Min(count, cap - _read + 1)));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Counted(int n)
    {
        _read += n;
        if (_read <= cap) return n;
        Exceeded = true;
        return n - (int)(_read - cap);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
