using Prometheus;

namespace PairDb.Storage.Observability;

/// <summary>
/// One series of an exported instrument: the prometheus-net child that one set of tags records into. Recording is a
/// cast and a call on that child, so it allocates nothing.
/// </summary>
internal sealed class ExportedSeries
{
    private readonly ExportKind _kind;
    private readonly ChildBase _child;
    private readonly bool _labelled;

    public ExportedSeries(ExportKind kind, ChildBase child, bool labelled)
    {
        _kind = kind;
        _child = child;
        _labelled = labelled;
    }

    /// <summary>The observation round that last reported this series (observable instruments only).</summary>
    public long Round { get; set; }

    public void Record(double value)
    {
        switch (_kind)
        {
            case ExportKind.Counter:
                // A Prometheus counter never goes down (prometheus-net throws on a negative increment, and an
                // exception here would surface in the caller's Add).
                if (value >= 0)
                {
                    ((Counter.Child)_child).Inc(value);
                }

                break;
            case ExportKind.ObservedCounter:
                ((Counter.Child)_child).IncTo(value);
                break;
            case ExportKind.UpDownGauge:
                ((Gauge.Child)_child).Inc(value);
                break;
            case ExportKind.Gauge:
                ((Gauge.Child)_child).Set(value);
                break;
            default:
                ((Histogram.Child)_child).Observe(value);
                break;
        }
    }

    /// <summary>Takes the series out of the exposition.</summary>
    /// <remarks>
    /// A labelled child is removed, so a later series with the same labels starts from zero. prometheus-net cannot
    /// remove the unlabelled child (Remove resets it to 0 and keeps exporting it), so that one is unpublished instead.
    /// </remarks>
    public void Retire()
    {
        if (_labelled)
        {
            _child.Remove();
        }
        else
        {
            _child.Unpublish();
        }
    }
}
