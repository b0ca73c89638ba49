import { call } from "./core";
import type { NameSuggestionDto } from "./bindings/NameSuggestionDto";
import type { PersonDto } from "./bindings/PersonDto";

export const listPeople = (planId: number) => call<PersonDto[]>("list_people", { planId });
export const addPerson = (planId: number, name: string, role: string | null, email: string | null) =>
  call<PersonDto>("add_person", { planId, name, role, email });
export const removePerson = (planId: number, name: string) => call<void>("remove_person", { planId, name });
export const ownerSuggestions = (planId: number) => call<NameSuggestionDto[]>("owner_suggestions", { planId });
