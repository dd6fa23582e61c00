namespace PolicyArchiver.Web.Memento;

/// <summary>
/// Where this site answers for an original URL: its TimeGate, TimeMap and mementos, absolute, on
/// the scheme and host the client used.
/// </summary>
internal sealed class MementoAddresses(Uri site, Uri original)
{
    public const string TimeGatePrefix = "/memento/timegate/";
    public const string TimeMapPrefix = "/memento/timemap/";
    public const string MementoPrefix = "/memento/";

    public Uri Original => original;
    public Uri TimeGate => new(site, TimeGatePrefix + original.AbsoluteUri);
    public Uri TimeMap => new(site, TimeMapPrefix + original.AbsoluteUri);
    public Uri Memento(DateTimeOffset datetime) => new(site, MementoPrefix + MementoDatetime.Fourteen(datetime) + "/" + original.AbsoluteUri);
}
