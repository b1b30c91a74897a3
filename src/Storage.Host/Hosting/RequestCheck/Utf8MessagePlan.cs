using Google.Protobuf.Reflection;

namespace PairDb.Storage.Hosting.RequestCheck;

/// <summary>
/// Which field numbers of one message type hold strings (directly or nested), built once from its descriptor so a
/// check of the raw bytes looks a field up in an array and skips every field that cannot hold a string.
/// </summary>
internal sealed class Utf8MessagePlan
{
    /// <summary>Field numbers up to this one are looked up in an array; higher ones (rare) in a dictionary.</summary>
    private const int MaxArrayNumber = 1024;

    private Utf8Field?[] _byNumber = [];
    private Dictionary<uint, Utf8Field>? _highNumbers;

    private Utf8MessagePlan()
    {
    }

    /// <summary>False when no field, however deeply nested, is a string: the check is skipped altogether.</summary>
    public bool HasStrings { get; private set; }

    /// <summary>The plan of <paramref name="descriptor"/> (recursive message types share one plan per type).</summary>
    public static Utf8MessagePlan For(MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var plans = new Dictionary<MessageDescriptor, Utf8MessagePlan>();
        var plan = Build(descriptor, plans);
        while (Propagate(plans.Values))
        {
            // A type can reach strings only through a type built after it (recursion); repeat until nothing changes.
        }

        return plan;
    }

    /// <summary>The field numbered <paramref name="number"/> when it holds strings, else null.</summary>
    public Utf8Field? Field(uint number) =>
        number < (uint)_byNumber.Length ? _byNumber[number]
        : _highNumbers is not null && _highNumbers.TryGetValue(number, out var field) ? field
        : null;

    private static Utf8MessagePlan Build(MessageDescriptor descriptor, Dictionary<MessageDescriptor, Utf8MessagePlan> plans)
    {
        if (plans.TryGetValue(descriptor, out var known))
        {
            return known;
        }

        var plan = new Utf8MessagePlan();
        plans.Add(descriptor, plan);
        var fields = new List<(int Number, Utf8Field Field)>();
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String)
            {
                fields.Add((field.FieldNumber, new Utf8Field(field.Name, null)));
                plan.HasStrings = true;
            }
            else if (field.FieldType == FieldType.Message)
            {
                fields.Add((field.FieldNumber, new Utf8Field(field.Name, Build(field.MessageType, plans))));
            }
        }

        var byNumber = new Utf8Field?[fields.Count == 0 ? 0 : Math.Min(fields[^1].Number, MaxArrayNumber) + 1];
        foreach (var (number, field) in fields)
        {
            if (number <= MaxArrayNumber)
            {
                byNumber[number] = field;
            }
            else
            {
                (plan._highNumbers ??= [])[(uint)number] = field;
            }
        }

        plan._byNumber = byNumber;
        return plan;
    }

    /// <summary>Marks plans whose nested messages hold strings; true when any changed.</summary>
    private static bool Propagate(IEnumerable<Utf8MessagePlan> plans)
    {
        var changed = false;
        foreach (var plan in plans)
        {
            if (plan.HasStrings)
            {
                continue;
            }

            foreach (var field in plan._highNumbers is null ? plan._byNumber : [.. plan._byNumber, .. plan._highNumbers.Values])
            {
                if (field?.Nested is { HasStrings: true })
                {
                    plan.HasStrings = true;
                    changed = true;
                    break;
                }
            }
        }

        return changed;
    }
}
