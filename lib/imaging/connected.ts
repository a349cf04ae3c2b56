// Connected regions of a mask, shared by the threshold segmentation (segment.ts) and the watershed split.

/** 4-connected components of the non-zero pixels; labels 1..count in scan order of their first pixel. */
export function connectedComponents(mask: ArrayLike<number>, width: number, height: number): {labels: Int32Array; count: number} {
  const labels = new Int32Array(width * height);
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < width * height; start++) {
    if (!mask[start] || labels[start]) continue;
    labels[start] = ++count;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width];
      for (const n of neighbours) {
        if (n >= 0 && n < width * height && mask[n] && !labels[n]) {
          labels[n] = count;
          stack.push(n);
        }
      }
    }
  }
  return {labels, count};
}
