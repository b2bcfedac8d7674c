/** Lists in messages: "a", "a and b", "a, b and c". */
export const listed = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items.join(''));
