using System.Collections.Concurrent;

namespace LegacyApi.Orders;

/// <summary>In-memory, thread-safe order store with a couple of seed orders.</summary>
public sealed class OrderStore
{
    private readonly ConcurrentDictionary<int, Order> _orders = new();
    private readonly TimeProvider _time;
    private int _lastId;

    /// <summary>Creates the store with its seed orders.</summary>
    public OrderStore(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Add("coffee beans", 2, "seed");
        Add("paper cups", 50, "seed");
    }

    /// <summary>All orders, by id.</summary>
    public IReadOnlyList<Order> List() => [.. _orders.Values.OrderBy(o => o.Id)];

    /// <summary>The order with this id, or null.</summary>
    public Order? Find(int id) => _orders.GetValueOrDefault(id);

    /// <summary>Stores a new order and returns it with its id.</summary>
    public Order Add(string item, int quantity, string? owner)
    {
        var order = new Order(Interlocked.Increment(ref _lastId), item, quantity, owner, _time.GetUtcNow());
        _orders[order.Id] = order;
        return order;
    }
}
