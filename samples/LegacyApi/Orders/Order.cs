namespace LegacyApi.Orders;

/// <summary>An order as stored and returned.</summary>
public sealed record Order(int Id, string Item, int Quantity, string? Owner, DateTimeOffset CreatedAt);

/// <summary>The body of <c>POST /orders</c>.</summary>
public sealed record NewOrder(string? Item, int? Quantity);

/// <summary>The body of <c>GET /orders</c>: the caller (from <c>X-Passport-Handle</c>) and the orders.</summary>
public sealed record OrderList(string? Caller, IReadOnlyList<Order> Orders);
