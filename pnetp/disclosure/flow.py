"""Secondary suppression by minimum-cost flows, for blocks whose sums form a network.

A two-way table with its margins (municipality × year of one UF, against the UF row already published) is a
network once the published numbers are constants: each unknown number appears in at most two sums, one as a
part and one as a total (or as a part of two sums that can be read with opposite signs), so every sum is a
node, every number an arc, and every table that fits the published numbers is the true one plus a
circulation. Then:

- the attacker's greatest value for a hidden number is its true value plus the largest flow that can go
  round a cycle through it (the matrix is totally unimodular: the LP bound is the integer bound);
- the repair of ``secondary`` — the cheapest change to the table that raises a small count to k keeping
  every published number fixed, each published number costing ``hiding_cost`` per unit of change — is a
  minimum-cost flow of k − value units round such a cycle (successive shortest paths, Dijkstra with
  potentials). Its changed table is integral: a table the attacker cannot rule out (a witness, checked again
  by the audit), and the published numbers it changes are the ones to hide.

So each small count costs a few shortest-path searches over a graph of a few hundred nodes, instead of an
LP over the whole block per check and per repair. The result is checked as any other: every small count has
a witness table where it is k, and ``assert_safe`` audits the release from the public view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from .tables import Structure


@dataclass(frozen=True)
class Network:
    """The movable items of a block as arcs ``tail[a] → head[a]`` between sums (nodes; the last is the
    ground, the other end of an item in one sum only). No two arcs join the same two nodes, so the residual
    graph has one rise (tail → head) and one fall (head → tail) per arc, laid out once as a sparse matrix."""

    items: np.ndarray  # item index of each arc
    tail: np.ndarray
    head: np.ndarray
    nodes: int
    arc: dict[int, int]  # item -> arc
    order: np.ndarray  # the 2n residual arcs (rises, then falls) in the sparse matrix's order
    indices: np.ndarray
    indptr: np.ndarray
    step: dict[tuple[int, int], int]  # (from, to) -> residual arc (a rise a, or a fall n + a)
    src: np.ndarray  # each residual arc's ends
    dst: np.ndarray
    position: np.ndarray  # each residual arc's place in the sparse matrix
    flow_layout: tuple[np.ndarray, np.ndarray, np.ndarray]  # the same arcs and a source node to every node

    @classmethod
    def of(cls, items, tails, heads, nodes) -> Network | None:
        items, tail, head = (np.array(x, dtype=np.int64) for x in (items, tails, heads))
        src, dst = np.concatenate([tail, head]), np.concatenate([head, tail])
        if len({(min(u, w), max(u, w)) for u, w in zip(tails, heads)}) != len(items) or np.any(tail == head):
            return None  # two numbers in the same two sums (or a loop): not laid out here
        order = np.lexsort((dst, src))
        indptr = np.zeros(nodes + 1, dtype=np.int32)
        np.add.at(indptr, src + 1, 1)
        step = {(u, w): r for r, (u, w) in enumerate(zip(src.tolist(), dst.tolist()))}
        return cls(
            items,
            tail,
            head,
            nodes,
            {i: a for a, i in enumerate(items.tolist()) if i != FREE},
            order,
            dst[order].astype(np.int32),
            np.cumsum(indptr).astype(np.int32),
            step,
            src,
            dst,
            np.argsort(order),
            _layout(np.concatenate([src, np.full(nodes, nodes)]), np.concatenate([dst, np.arange(nodes)]), nodes + 1),
        )


def _layout(src, dst, nodes):
    """(order, column indices, row pointers) of a sparse matrix with the arcs ``src → dst``."""
    order = np.lexsort((dst, src))
    indptr = np.zeros(nodes + 1, dtype=np.int64)
    np.add.at(indptr, src + 1, 1)
    return order, dst[order].astype(np.int32), np.cumsum(indptr).astype(np.int32)


FREE = -1  # the item of an arc that is no number: it only joins two nodes
WIDE = 2**24  # "no limit" for a rise, in the integer capacities of ``maximum_flow``


def free_raise(net: Network, t: int, need: int, unknown: np.ndarray, down: np.ndarray) -> dict[int, int] | None:
    """A change raising arc ``t`` by ``need`` through unknown numbers only (cost 0), or None: a flow of
    ``need`` units from the target's head to its tail over the unknown arcs (each may rise without limit and
    fall by ``down``), by augmenting paths (breadth first) over those arcs only — a few, and only ever more
    of them while a block is protected (``_unknown_arcs`` keeps them from call to call)."""
    adjacency = _unknown_arcs(net, unknown)
    source, sink = int(net.head[t]), int(net.tail[t])
    flow: dict[int, int] = {}
    left = need
    while left > 0:
        previous = {source: None}  # node -> (arc, direction) it was reached by
        queue, reached = [source], False
        for node in queue:
            for a, other, rising in adjacency.get(node, ()):
                if a == t or other in previous:
                    continue
                f = flow.get(a, 0)
                if (f < WIDE) if rising else (f + down[a] > 0):
                    previous[other] = (a, rising, node)
                    if other == sink:
                        reached = True
                        break
                    queue.append(other)
            if reached:
                break
        if not reached:
            return None
        path, node = [], sink
        while node != source:
            a, rising, before = previous[node]
            path.append((a, rising))
            node = before
        push = left
        for a, rising in path:
            f = flow.get(a, 0)
            push = min(push, WIDE - f if rising else f + int(down[a]))
        for a, rising in path:
            flow[a] = flow.get(a, 0) + (push if rising else -push)
        left -= push
    return {int(net.items[a]): f for a, f in sorted(flow.items()) if f and net.items[a] != FREE}


_adjacency: list = [None, None, {}]  # (network, unknown arcs as a mask, node -> [(arc, other end, rising)])


def _unknown_arcs(net: Network, unknown: np.ndarray) -> dict[int, list[tuple[int, int, bool]]]:
    """Each node's unknown arcs, both ways; updated with the arcs that became unknown since the last call on
    the same network (suppression only grows while a block is protected), built anew otherwise."""
    known_net, mask, adjacency = _adjacency
    if known_net is not net or mask is None or len(mask) != len(unknown) or np.any(mask & ~unknown):
        mask, adjacency = np.zeros(len(unknown), dtype=bool), {}
    added = np.flatnonzero(unknown & ~mask)
    for a in added.tolist():
        u, w = int(net.tail[a]), int(net.head[a])
        adjacency.setdefault(u, []).append((a, w, True))
        adjacency.setdefault(w, []).append((a, u, False))
    _adjacency[:] = [net, unknown.copy(), adjacency]
    return adjacency


def network_of(structure: Structure, fixed: frozenset[int]) -> Network | None:
    """The block as a network, or None when its sums do not form one (or it has hidden parts)."""
    if structure.hidden:
        return None
    values = structure.values
    movable = [i for i, v in enumerate(values) if v > 0 and i not in fixed]
    moving = set(movable)
    equations = []
    for total, parts in structure.equations:
        terms = [(i, s) for i, s in [(total, 1), *((p, -1) for p in parts)] if i in moving]
        if terms:
            equations.append(terms)
    where = defaultdict(list)
    for e, terms in enumerate(equations):
        for i, sign in terms:
            where[i].append((e, sign))
    parent, parity = list(range(len(equations))), [0] * len(equations)

    def find(e):
        path = []
        while parent[e] != e:
            path.append(e)
            e = parent[e]
        acc = 0
        for x in reversed(path):
            acc ^= parity[x]
            parity[x], parent[x] = acc, e
        return e

    def side(e):  # parity of ``e`` against its root (after ``find``, one step)
        return 0 if parent[e] == e else parity[e]

    for found in where.values():
        if len(found) > 2:
            return None
        if len(found) == 2:
            (e1, s1), (e2, s2) = found
            want = 1 if s1 == s2 else 0  # a number that is a part of both sums: the sums read with opposite signs
            r1, r2 = find(e1), find(e2)
            p1, p2 = side(e1), side(e2)
            if r1 == r2:
                if p1 ^ p2 != want:
                    return None
            else:
                parent[r1], parity[r1] = r2, p1 ^ p2 ^ want
    ground = len(equations)
    orientation = []
    for e in range(len(equations)):
        find(e)
        orientation.append(-1 if side(e) else 1)
    items, tails, heads, joined, nodes = [], [], [], set(), ground + 1
    for i in movable:
        ends = {orientation[e] * sign: e for e, sign in where.get(i, [])}
        if not ends:
            continue  # tied to nothing: the attacker knows only its bounds
        if len(ends) != len(where[i]):
            return None
        tail, head = ends.get(-1, ground), ends.get(1, ground)
        pair = (min(tail, head), max(tail, head))
        if pair in joined:  # a second number between the same two sums (the parts of one sum): through a node
            items += [i, FREE]  # of its own, on to the head by a free arc (no cost, no limit)
            tails += [tail, nodes]
            heads += [nodes, head]
            nodes += 1
            continue
        joined.add(pair)
        items.append(i)
        tails.append(tail)
        heads.append(head)
    return Network.of(items, tails, heads, nodes)


def cheapest_raise(net: Network, target: int, need: int, cost: np.ndarray, down: np.ndarray) -> dict[int, int] | None:
    """The cheapest change (item -> change) that raises item ``target`` by ``need`` and keeps every sum,
    or None when no change does. ``cost`` is each arc's cost per unit of change (0: already unknown), ``down``
    how far each arc may fall (its value minus the least the attacker knows it has).

    Successive shortest paths: the change is a flow of ``need`` units from the target's head back to its
    tail; each arc's change u − d costs ``cost`` per unit either way."""
    t = net.arc[target]
    n = len(net.items)
    free = free_raise(net, t, need, cost == 0, down)
    if free is not None:
        free[target] = need
        return free
    up_flow, down_flow = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    potential = np.zeros(net.nodes)
    source, sink = int(net.head[t]), int(net.tail[t])
    big = np.iinfo(np.int64).max
    # residual arcs r < n: a rise of arc r (tail → head), or undoing a fall; r ≥ n: a fall of arc r − n
    # (head → tail), or undoing a rise. Their costs and capacities change only along each augmenting path.
    weight = np.concatenate([cost, cost]).astype(float)
    capacity = np.concatenate([np.full(n, big), np.asarray(down, dtype=np.int64)])
    capacity[t] = capacity[n + t] = 0  # the target only rises, by the flow sent round

    def arc_length(r):
        length = weight[r] + potential[net.src[r]] - potential[net.dst[r]]
        return np.where(capacity[r] > 0, np.maximum(length, 0.0), np.inf)  # ≥ 0 but for rounding

    graph = csr_matrix((arc_length(net.order), net.indices, net.indptr), shape=(net.nodes, net.nodes))
    left = need
    while left > 0:
        distance, previous = dijkstra(graph, indices=source, return_predecessors=True)
        if not np.isfinite(distance[sink]):
            return None
        path, node = [], sink
        while node != source:
            before = int(previous[node])
            path.append(net.step[before, node])
            node = before
        push = min(left, int(capacity[path].min()))
        touched = []
        for r in path:
            a = r % n
            if r < n:  # tail → head
                if down_flow[a] > 0:
                    down_flow[a] -= push
                else:
                    up_flow[a] += push
            elif up_flow[a] > 0:  # head → tail
                up_flow[a] -= push
            else:
                down_flow[a] += push
            falling, rising = down_flow[a] > 0, up_flow[a] > 0
            weight[a], capacity[a] = (-cost[a], down_flow[a]) if falling else (cost[a], big)
            weight[n + a], capacity[n + a] = (-cost[a], up_flow[a]) if rising else (cost[a], down[a] - down_flow[a])
            touched += [a, n + a]
        left -= push
        if distance[sink] > 0:  # the potentials move (Johnson): every length changes
            reached = np.isfinite(distance)
            potential[reached] += distance[reached]
            graph.data[:] = arc_length(net.order)
        else:  # a path of length 0: the other lengths stay ≥ 0 as they are, the path's reverse arcs are 0
            touched = np.array(touched)
            graph.data[net.position[touched]] = arc_length(touched)
    change = up_flow - down_flow
    moved = np.flatnonzero(change)
    result = {int(net.items[a]): int(change[a]) for a in moved if net.items[a] != FREE}
    result[target] = need
    return result
