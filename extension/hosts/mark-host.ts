/** The markers API.md promises once a host integration knows who is signed in. */
export function markHost(doc: Document, host: 'gmail' | 'outlook', userAddress: string): void {
  doc.documentElement.dataset.strideHost = host;
  doc.documentElement.dataset.strideUser = userAddress;
}
