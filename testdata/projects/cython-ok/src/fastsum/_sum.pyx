def total(values):
    """Sum of the integers in values, in C longs."""
    cdef long acc = 0
    cdef long v
    for v in values:
        acc += v
    return acc
