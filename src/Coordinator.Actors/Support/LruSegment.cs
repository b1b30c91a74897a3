namespace PairDb.Actors.Support;

/// <summary>
/// A map of at most <c>capacity</c> entries with an expiry each, that forgets the least recently used entry to make
/// room. One lock guards it; every operation is a dictionary lookup plus a few pointer moves, and a hit allocates
/// nothing. Expiry times are <see cref="TimeProvider"/> timestamps.
/// </summary>
public sealed class LruSegment<TValue>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Node> _nodes;
    private readonly int _capacity;

    // Most recently used at _head, least at _tail; a doubly linked list threaded through the nodes themselves.
    private Node? _head;
    private Node? _tail;

    public LruSegment(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>The value of a live entry (marking it most recently used); an expired entry is removed and misses.</summary>
    public bool TryGet(string key, long now, out TValue value)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                if (node.ExpiresAt > now)
                {
                    MoveToHead(node);
                    value = node.Value;
                    return true;
                }

                Unlink(node);
                _nodes.Remove(key);
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Adds or replaces an entry as the most recently used, evicting the least recently used beyond the capacity.</summary>
    public void Set(string key, TValue value, long expiresAt)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                node.Value = value;
                node.ExpiresAt = expiresAt;
                MoveToHead(node);
                return;
            }

            if (_nodes.Count >= _capacity && _tail is { } oldest)
            {
                Unlink(oldest);
                _nodes.Remove(oldest.Key);
            }

            node = new Node(key, value, expiresAt);
            _nodes.Add(key, node);
            LinkAtHead(node);
        }
    }

    /// <summary>Removes an entry and returns its value, expired or not; false when there is none.</summary>
    public bool TryRemove(string key, out TValue value)
    {
        lock (_gate)
        {
            if (_nodes.Remove(key, out var node))
            {
                Unlink(node);
                value = node.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_nodes.Remove(key, out var node))
            {
                Unlink(node);
            }
        }
    }

    /// <summary>
    /// Removes expired entries from the least recently used end, stopping at the first live one; returns how many went.
    /// Exact when every entry's expiry is its last use plus one fixed span (older use, earlier expiry).
    /// </summary>
    public int RemoveExpiredOldest(long now)
    {
        lock (_gate)
        {
            var removed = 0;
            while (_tail is { } oldest && oldest.ExpiresAt <= now)
            {
                Unlink(oldest);
                _nodes.Remove(oldest.Key);
                removed++;
            }

            return removed;
        }
    }

    /// <summary>Keys from most to least recently used (for tests and diagnostics).</summary>
    public IReadOnlyList<string> KeysByRecency()
    {
        lock (_gate)
        {
            var keys = new List<string>(_nodes.Count);
            for (var node = _head; node is not null; node = node.Next)
            {
                keys.Add(node.Key);
            }

            return keys;
        }
    }

    private void MoveToHead(Node node)
    {
        if (ReferenceEquals(node, _head))
        {
            return;
        }

        Unlink(node);
        LinkAtHead(node);
    }

    private void LinkAtHead(Node node)
    {
        node.Previous = null;
        node.Next = _head;
        if (_head is not null)
        {
            _head.Previous = node;
        }

        _head = node;
        _tail ??= node;
    }

    private void Unlink(Node node)
    {
        if (node.Previous is not null)
        {
            node.Previous.Next = node.Next;
        }
        else
        {
            _head = node.Next;
        }

        if (node.Next is not null)
        {
            node.Next.Previous = node.Previous;
        }
        else
        {
            _tail = node.Previous;
        }

        node.Previous = null;
        node.Next = null;
    }

    private sealed class Node(string key, TValue value, long expiresAt)
    {
        public string Key { get; } = key;

        public TValue Value { get; set; } = value;

        public long ExpiresAt { get; set; } = expiresAt;

        public Node? Previous { get; set; }

        public Node? Next { get; set; }
    }
}
