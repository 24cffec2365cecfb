/** Registry logins: the docker CLI's credentials and Berth's own, never their secrets. */
export const RegistriesChannel = {
  RegistriesList: 'registries:list',
  RegistriesLogin: 'registries:login',
  RegistriesLogout: 'registries:logout',
} as const;
