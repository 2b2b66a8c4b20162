// Penalties, constraints, noise, dropout

export {};
