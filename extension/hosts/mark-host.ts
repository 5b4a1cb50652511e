/** The markers API.md promises once a host integration knows who is signed in. */
export function markHost(doc: Document, host: 'gmail' | 'outlook', userAddress: string | undefined): void {
  doc.documentElement.dataset.strideHost = host;
  // Unknown user (OWA never showed the address): the host is still marked, the user left out.
  if (userAddress) doc.documentElement.dataset.strideUser = userAddress;
}
